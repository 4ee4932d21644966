package io.attain.support.outbox;

import io.attain.events.CloudEventHeaders;
import io.attain.events.EventJson;
import io.attain.events.Money;
import io.attain.support.ThingChanged;
import io.attain.testing.EventProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The outbox with its relay running on its schedule, as in every service: what reaches Kafka, and when. */
@QuarkusTest
class OutboxRelayTest {

    static final String SOURCE = "/attain/service-support-test";
    static final String TYPE = "io.attain.test.thing-changed.v1";
    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Outbox outbox;

    @Test
    void shouldPublishCommittedEventAsCloudEventKeyedByAggregateAndMarkItSent() throws Exception {
        String topic = uniqueTopic();
        String aggregate = "thing-" + UUID.randomUUID();
        Instant occurredAt = Instant.parse("2026-03-01T08:15:30.123456Z");
        ThingChanged data = new ThingChanged(aggregate, Money.of("1234.50", "CNY"), "已签约");

        UUID eventId = QuarkusTransaction.requiringNew().call(
                () -> outbox.publish(topic, TYPE, "thing", aggregate, 3, occurredAt, data));

        List<ConsumerRecord<String, String>> records = EventProbe.read(topic, r -> true, 1, WAIT);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.getFirst();
        assertThat(record.key()).isEqualTo(aggregate);
        assertThat(EventProbe.header(record, CloudEventHeaders.ID)).isEqualTo(eventId.toString());
        assertThat(EventProbe.header(record, CloudEventHeaders.TYPE)).isEqualTo(TYPE);
        assertThat(EventProbe.header(record, CloudEventHeaders.SOURCE)).isEqualTo(SOURCE);
        assertThat(EventProbe.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(aggregate);
        assertThat(EventProbe.header(record, CloudEventHeaders.AGGREGATE_VERSION)).isEqualTo("3");
        assertThat(EventProbe.header(record, CloudEventHeaders.TIME)).isEqualTo("2026-03-01T08:15:30.123456Z");
        assertThat(EventProbe.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(EventProbe.header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(EventJson.mapper().readValue(record.value(), ThingChanged.class)).isEqualTo(data);
        assertThat(record.value()).contains("\"amount\":\"1234.50\"");

        await().atMost(WAIT).untilAsserted(() -> {
            OutboxMessage row = row(eventId);
            assertThat(row.sentAt).isNotNull();
            assertThat(row.attempts).isZero();
            assertThat(row.lastError).isNull();
        });
    }

    @Test
    void shouldPublishNothingFromARolledBackTransaction() {
        String topic = uniqueTopic();
        String aggregate = "thing-" + UUID.randomUUID();
        AtomicReference<UUID> rolledBack = new AtomicReference<>();

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            rolledBack.set(outbox.publish(topic, TYPE, "thing", aggregate, 1, Instant.now(), new ThingChanged(aggregate, null, "lost")));
            throw new IllegalStateException("the business change failed after the event was written");
        })).isInstanceOf(IllegalStateException.class);
        // A later event of the same aggregate: the relay keeps per-aggregate order, so had the rolled-back
        // event been published it would arrive first.
        UUID committed = QuarkusTransaction.requiringNew().call(
                () -> outbox.publish(topic, TYPE, "thing", aggregate, 1, Instant.now(), new ThingChanged(aggregate, null, "kept")));

        List<ConsumerRecord<String, String>> records = EventProbe.read(topic, r -> true, 1, WAIT);
        assertThat(records).extracting(r -> EventProbe.header(r, CloudEventHeaders.ID))
                .containsExactly(committed.toString());
        assertThat(QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count("eventId", rolledBack.get())))
                .isZero();
    }

    @Test
    void shouldDeliverEachAggregatesEventsInVersionOrder() {
        String topic = uniqueTopic();
        List<String> aggregates = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            aggregates.add("thing-" + i + "-" + UUID.randomUUID());
        }
        // 50 events written while the relay runs: ten transactions, each advancing every aggregate by one
        // version in a different order, so rows of the aggregates interleave in the table.
        for (int version = 1; version <= 10; version++) {
            long v = version;
            List<String> order = new ArrayList<>(aggregates);
            Collections.rotate(order, version);
            QuarkusTransaction.requiringNew().run(() -> order.forEach(aggregate ->
                    outbox.publish(topic, TYPE, "thing", aggregate, v, Instant.now(), new ThingChanged(aggregate, null, "v" + v))));
        }

        List<ConsumerRecord<String, String>> records = EventProbe.read(topic, r -> true, 50, WAIT);
        assertThat(records).hasSize(50);
        Map<String, List<Long>> versionsByAggregate = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            assertThat(EventProbe.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(record.key());
            versionsByAggregate.computeIfAbsent(record.key(), k -> new ArrayList<>())
                    .add(Long.parseLong(EventProbe.header(record, CloudEventHeaders.AGGREGATE_VERSION)));
        }
        assertThat(versionsByAggregate).containsOnlyKeys(aggregates);
        versionsByAggregate.values().forEach(versions ->
                assertThat(versions).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L));
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(
                () -> OutboxMessage.count("topic = ?1 and sentAt is null", topic)) == 0);
    }

    @Test
    void shouldPublishAnEventDatedInTheFutureWithoutDelay() {
        // occurredAt is the caller's domain time; it must not postpone publication (or hold up the aggregate).
        String topic = uniqueTopic();
        String aggregate = "thing-" + UUID.randomUUID();
        Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);

        UUID eventId = QuarkusTransaction.requiringNew().call(
                () -> outbox.publish(topic, TYPE, "thing", aggregate, 1, tomorrow, new ThingChanged(aggregate, null, "scheduled")));

        List<ConsumerRecord<String, String>> records = EventProbe.read(topic, r -> true, 1, Duration.ofSeconds(10));
        assertThat(records).extracting(r -> EventProbe.header(r, CloudEventHeaders.ID)).containsExactly(eventId.toString());
        assertThat(EventProbe.header(records.getFirst(), CloudEventHeaders.TIME)).isEqualTo(tomorrow.toString());
    }

    @Test
    void shouldRefuseToWriteAnEventOutsideATransaction() {
        assertThatThrownBy(() -> outbox.publish(uniqueTopic(), TYPE, "thing", "thing-1", 1, Instant.now(),
                new ThingChanged("thing-1", null, "orphan")))
                .isInstanceOf(TransactionalException.class);
    }

    static String uniqueTopic() {
        return "test.outbox." + UUID.randomUUID();
    }

    static OutboxMessage row(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.<OutboxMessage>find("eventId", eventId).singleResult());
    }
}

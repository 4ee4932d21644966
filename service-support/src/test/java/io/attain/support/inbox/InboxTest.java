package io.attain.support.inbox;

import io.attain.events.CloudEventHeaders;
import io.attain.events.Money;
import io.attain.support.outbox.Outbox;
import io.attain.support.ThingChanged;
import io.attain.testing.EventProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Idempotent receipt against the real database: repeats, stale versions, malformed records, rollbacks. */
@QuarkusTest
class InboxTest {

    static final String TYPE = "io.attain.test.thing-changed.v1";
    static final String SOURCE = "/attain/other-service";
    static final String DATA = "{\"thingId\":\"thing-1\",\"price\":{\"amount\":\"10.00\",\"currency\":\"CNY\"},\"status\":\"open\"}";

    @Inject
    Inbox inbox;

    @Inject
    RecordingConsumer consumer;

    @Inject
    Outbox outbox;

    private final String name = "consumer-" + UUID.randomUUID();

    @Test
    void shouldHandTheFirstDeliveryToTheConsumer() {
        String id = UUID.randomUUID().toString();
        ConsumerRecord<String, String> record = event(id, "thing-1", 4, h -> h.put(CloudEventHeaders.TIME, "2026-03-01T08:15:30.5Z"));

        Optional<IncomingEvent> received = consumer.apply(name, record);

        assertThat(received).hasValueSatisfying(event -> {
            assertThat(event.id()).isEqualTo(id);
            assertThat(event.type()).isEqualTo(TYPE);
            assertThat(event.source()).isEqualTo(SOURCE);
            assertThat(event.subject()).isEqualTo("thing-1");
            assertThat(event.aggregateVersion()).isEqualTo(4);
            assertThat(event.time()).isEqualTo(Instant.parse("2026-03-01T08:15:30.5Z"));
            assertThat(event.data(ThingChanged.class))
                    .isEqualTo(new ThingChanged("thing-1", Money.of("10.00", "CNY"), "open"));
        });
        assertThat(consumer.appliedEventIds(name)).containsExactly(id);
    }

    @Test
    void shouldIgnoreTheSameEventIdDeliveredAgain() {
        String id = UUID.randomUUID().toString();

        assertThat(consumer.apply(name, event(id, "thing-1", 1))).isPresent();
        assertThat(consumer.apply(name, event(id, "thing-1", 1))).isEmpty();
        // A duplicate is recognised by its id alone, whatever else it claims.
        assertThat(consumer.apply(name, event(id, "thing-1", 2))).isEmpty();

        assertThat(consumer.appliedEventIds(name)).containsExactly(id);
    }

    @Test
    void shouldIgnoreAnOlderVersionArrivingAfterANewerOne() {
        String second = UUID.randomUUID().toString();
        String first = UUID.randomUUID().toString();
        String third = UUID.randomUUID().toString();
        String otherThing = UUID.randomUUID().toString();

        assertThat(consumer.apply(name, event(second, "thing-1", 2))).isPresent();
        assertThat(consumer.apply(name, event(first, "thing-1", 1))).isEmpty();
        assertThat(consumer.apply(name, event(third, "thing-1", 3))).isPresent();
        assertThat(consumer.apply(name, event(otherThing, "thing-2", 1))).isPresent();

        assertThat(consumer.appliedEventIds(name)).containsExactly(second, third, otherThing);
    }

    @Test
    void shouldIgnoreAnotherEventCarryingTheVersionAlreadyApplied() {
        String applied = UUID.randomUUID().toString();
        String twin = UUID.randomUUID().toString();

        assertThat(consumer.apply(name, event(applied, "thing-1", 5))).isPresent();
        assertThat(consumer.apply(name, event(twin, "thing-1", 5))).isEmpty();

        assertThat(consumer.appliedEventIds(name)).containsExactly(applied);
    }

    @Test
    void shouldDeliverOneEventToEachConsumerOnce() {
        String id = UUID.randomUUID().toString();
        String credits = name + "-credits";
        String quotas = name + "-quotas";

        assertThat(consumer.apply(credits, event(id, "thing-1", 1))).isPresent();
        assertThat(consumer.apply(quotas, event(id, "thing-1", 1))).isPresent();
        assertThat(consumer.apply(credits, event(id, "thing-1", 1))).isEmpty();
        assertThat(consumer.apply(quotas, event(id, "thing-1", 1))).isEmpty();

        assertThat(consumer.appliedEventIds(credits)).containsExactly(id);
        assertThat(consumer.appliedEventIds(quotas)).containsExactly(id);
    }

    @Test
    void shouldTakeTheSubjectFromTheKeyWhenTheHeaderIsMissing() {
        ConsumerRecord<String, String> record = event(UUID.randomUUID().toString(), "thing-7", 1,
                h -> h.remove(CloudEventHeaders.SUBJECT));

        assertThat(consumer.apply(name, record)).hasValueSatisfying(event ->
                assertThat(event.subject()).isEqualTo("thing-7"));
    }

    static Stream<Arguments> malformedRecords() {
        return Stream.of(
                Arguments.of("no ce_id", (Consumer<Map<String, String>>) h -> h.remove(CloudEventHeaders.ID)),
                Arguments.of("blank ce_id", (Consumer<Map<String, String>>) h -> h.put(CloudEventHeaders.ID, " ")),
                Arguments.of("no ce_type", (Consumer<Map<String, String>>) h -> h.remove(CloudEventHeaders.TYPE)),
                Arguments.of("no ce_source", (Consumer<Map<String, String>>) h -> h.remove(CloudEventHeaders.SOURCE)),
                Arguments.of("no ce_aggregateversion",
                        (Consumer<Map<String, String>>) h -> h.remove(CloudEventHeaders.AGGREGATE_VERSION)),
                Arguments.of("non-numeric ce_aggregateversion",
                        (Consumer<Map<String, String>>) h -> h.put(CloudEventHeaders.AGGREGATE_VERSION, "v2")),
                Arguments.of("unreadable ce_time",
                        (Consumer<Map<String, String>>) h -> h.put(CloudEventHeaders.TIME, "yesterday at noon")),
                Arguments.of("ce_time without zone",
                        (Consumer<Map<String, String>>) h -> h.put(CloudEventHeaders.TIME, "2026-03-01T08:15:30")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRecords")
    void shouldRefuseAMalformedRecordWithoutRecordingIt(String what, Consumer<Map<String, String>> damage) {
        ConsumerRecord<String, String> record = event(UUID.randomUUID().toString(), "thing-1", 1, damage);

        assertThatThrownBy(() -> consumer.apply(name, record)).isInstanceOf(MalformedEventException.class);
        assertThat(consumer.appliedEventIds(name)).isEmpty();
    }

    @Test
    void shouldRefuseARecordWithoutSubjectOrKeyOrData() {
        Map<String, String> headers = headers(UUID.randomUUID().toString(), 1);
        headers.remove(CloudEventHeaders.SUBJECT);
        ConsumerRecord<String, String> noKey = record(null, DATA, headers);
        ConsumerRecord<String, String> noData = record("thing-1", null, headers(UUID.randomUUID().toString(), 1));

        assertThatThrownBy(() -> consumer.apply(name, noKey)).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> consumer.apply(name, noData)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void shouldForgetTheEventWhenTheConsumersTransactionRollsBack() {
        String id = UUID.randomUUID().toString();
        ConsumerRecord<String, String> record = event(id, "thing-1", 1);

        assertThatThrownBy(() -> consumer.apply(name, record, true))
                .isInstanceOf(RecordingConsumer.EffectFailedException.class);
        assertThat(consumer.appliedEventIds(name)).isEmpty();

        // The redelivery is applied, exactly once.
        assertThat(consumer.apply(name, record)).isPresent();
        assertThat(consumer.apply(name, record)).isEmpty();
        assertThat(consumer.appliedEventIds(name)).containsExactly(id);
    }

    @Test
    void shouldLetOnlyOneOfTwoConcurrentDeliveriesThrough() throws Exception {
        ConsumerRecord<String, String> record = event(UUID.randomUUID().toString(), "thing-1", 1);
        CountDownLatch firstReceived = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Optional<IncomingEvent>> first = pool.submit(() -> QuarkusTransaction.requiringNew().call(() -> {
                Optional<IncomingEvent> received = inbox.receive(name, record);
                firstReceived.countDown();
                assertThat(commitFirst.await(20, TimeUnit.SECONDS)).isTrue();
                return received;
            }));
            assertThat(firstReceived.await(20, TimeUnit.SECONDS)).isTrue();
            Future<Optional<IncomingEvent>> second = pool.submit(() -> QuarkusTransaction.requiringNew().call(
                    () -> inbox.receive(name, record)));

            Thread.sleep(300);
            assertThat(second).as("the second delivery waits for the first transaction").isNotDone();
            commitFirst.countDown();

            assertThat(first.get(20, TimeUnit.SECONDS)).isPresent();
            assertThat(second.get(20, TimeUnit.SECONDS)).isEmpty();
        } finally {
            commitFirst.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void shouldRefuseToReceiveOutsideATransaction() {
        assertThatThrownBy(() -> inbox.receive(name, event(UUID.randomUUID().toString(), "thing-1", 1)))
                .isInstanceOf(TransactionalException.class);
    }

    @Test
    void shouldApplyEachRelayedEventOnceWhenEveryRecordArrivesTwice() {
        String topic = "test.inbox." + UUID.randomUUID();
        String a = "thing-a-" + UUID.randomUUID();
        String b = "thing-b-" + UUID.randomUUID();
        List<ThingChanged> changes = List.of(
                new ThingChanged(a, Money.of("1.00", "CNY"), "v1"), new ThingChanged(b, Money.of("2.00", "USD"), "v1"),
                new ThingChanged(a, Money.of("3.00", "CNY"), "v2"), new ThingChanged(a, Money.of("4.00", "CNY"), "v3"));
        Map<String, Long> versions = new LinkedHashMap<>();
        QuarkusTransaction.requiringNew().run(() -> changes.forEach(change -> outbox.publish(topic, TYPE, "thing",
                change.thingId(), versions.merge(change.thingId(), 1L, Long::sum), Instant.now(), change)));

        List<ConsumerRecord<String, String>> records = EventProbe.read(topic, r -> true, 4, Duration.ofSeconds(20));
        assertThat(records).hasSize(4);
        for (int pass = 1; pass <= 2; pass++) {
            for (ConsumerRecord<String, String> record : records) {
                Optional<IncomingEvent> received = consumer.apply(name, record);
                assertThat(received.isPresent()).as("pass %d", pass).isEqualTo(pass == 1);
                received.ifPresent(event -> assertThat(event.data(ThingChanged.class)).isIn(changes));
            }
        }

        assertThat(consumer.appliedEventIds(name)).containsExactlyElementsOf(
                records.stream().map(r -> EventProbe.header(r, CloudEventHeaders.ID)).toList());
    }

    // --- records as another service's relay would publish them ---

    static ConsumerRecord<String, String> event(String id, String subject, long version) {
        return event(id, subject, version, h -> {
        });
    }

    static ConsumerRecord<String, String> event(String id, String subject, long version, Consumer<Map<String, String>> change) {
        Map<String, String> headers = headers(id, version);
        headers.put(CloudEventHeaders.SUBJECT, subject);
        change.accept(headers);
        return record(subject, DATA, headers);
    }

    static Map<String, String> headers(String id, long version) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        headers.put(CloudEventHeaders.ID, id);
        headers.put(CloudEventHeaders.SOURCE, SOURCE);
        headers.put(CloudEventHeaders.TYPE, TYPE);
        headers.put(CloudEventHeaders.SUBJECT, "thing-1");
        headers.put(CloudEventHeaders.TIME, "2026-03-01T08:15:30Z");
        headers.put(CloudEventHeaders.AGGREGATE_VERSION, Long.toString(version));
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return headers;
    }

    static ConsumerRecord<String, String> record(String key, String value, Map<String, String> headers) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("test.inbox", 0, 0L, key, value);
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}

package io.attain.support.outbox;

import io.agroal.api.AgroalDataSource;
import io.attain.events.CloudEventHeaders;
import io.attain.support.ThingChanged;
import io.attain.testing.EventProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.attain.support.outbox.OutboxRelayTest.TYPE;
import static io.attain.support.outbox.OutboxRelayTest.WAIT;
import static io.attain.support.outbox.OutboxRelayTest.row;
import static io.attain.support.outbox.OutboxRelayTest.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The relay's rounds driven one at a time, with the scheduled relay switched off by configuration: rows
 * that stay unsent (a stopped or crashed relay) and rows the broker refuses.
 */
@QuarkusTest
@TestProfile(OutboxRelayRoundsTest.RelayStopped.class)
class OutboxRelayRoundsTest {

    static final Duration INITIAL_BACKOFF = Duration.ofSeconds(30);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(2);
    static final int BATCH_SIZE = 10;
    /** Above the producer's default {@code max.request.size} of 1 MiB, so the send is refused. */
    static final String TOO_LARGE = "x".repeat(1_100_000);

    public static class RelayStopped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "attain.outbox.relay-enabled", "false",
                    "attain.outbox.batch-size", Integer.toString(BATCH_SIZE),
                    "attain.outbox.initial-backoff", INITIAL_BACKOFF.toString(),
                    "attain.outbox.max-backoff", MAX_BACKOFF.toString());
        }
    }

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    AgroalDataSource dataSource;

    private final List<String> topics = new ArrayList<>();

    @AfterEach
    void dropRowsThatCannotBeSent() {
        // Rows left failing on purpose must not keep failing in the tests that follow.
        QuarkusTransaction.requiringNew().run(() -> topics.forEach(topic ->
                OutboxMessage.delete("topic = ?1 and sentAt is null", topic)));
    }

    @Test
    void shouldPublishRowsLeftUnsentInALaterRelayRound() throws Exception {
        String topic = topic(uniqueTopic());
        String a = "thing-a-" + UUID.randomUUID();
        String b = "thing-b-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            write(topic, a, 1, "created");
            write(topic, b, 1, "created");
            write(topic, a, 2, "changed");
        });
        QuarkusTransaction.requiringNew().run(() -> {
            write(topic, b, 2, "changed");
            write(topic, a, 3, "changed");
        });

        Thread.sleep(500); // several ticks of the (switched off) schedule
        assertThat(unsent(topic)).isEqualTo(5);

        // The relay of a restarted instance: it finds the rows still unsent and publishes them.
        relayUntilIdle();

        List<ConsumerRecord<String, String>> records = EventProbe.read(topic, r -> true, 5, WAIT);
        assertThat(versionsByAggregate(records)).containsOnly(
                Map.entry(a, List.of(1L, 2L, 3L)), Map.entry(b, List.of(1L, 2L)));
        assertThat(unsent(topic)).isZero();
        assertThat(relay.pending()).isZero();
    }

    @Test
    void shouldPublishNothingWhileAnotherRelayHoldsTheLock() throws Exception {
        String topic = topic(uniqueTopic());
        String a = "thing-a-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> write(topic, a, 1, "created"));

        // another instance's relay in the middle of its round
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, OutboxRelay.RELAY_LOCK);
                lock.execute();
            }
            assertThat(relay.relayBatch()).isZero();
            assertThat(unsent(topic)).isEqualTo(1);
            other.commit();
        }

        relayUntilIdle();
        assertThat(EventProbe.read(topic, r -> true, 1, WAIT)).hasSize(1);
        assertThat(unsent(topic)).isZero();
    }

    @Test
    void shouldRetryARefusedRowWithBackoffAndHoldBackOnlyItsOwnAggregate() {
        String topic = topic(uniqueTopic());
        String stuck = "thing-stuck-" + UUID.randomUUID();
        String other = "thing-other-" + UUID.randomUUID();
        UUID tooLarge = QuarkusTransaction.requiringNew().call(() -> write(topic, stuck, 1, TOO_LARGE));
        UUID otherFirst = QuarkusTransaction.requiringNew().call(() -> write(topic, other, 1, "created"));
        UUID stuckSecond = QuarkusTransaction.requiringNew().call(() -> write(topic, stuck, 2, "changed"));
        UUID otherSecond = QuarkusTransaction.requiringNew().call(() -> write(topic, other, 2, "changed"));
        UUID stuckThird = QuarkusTransaction.requiringNew().call(() -> write(topic, stuck, 3, "changed"));

        Instant before = Instant.now();
        relayUntilIdle();
        Instant after = Instant.now();

        OutboxMessage refused = row(tooLarge);
        assertThat(refused.sentAt).isNull();
        assertThat(refused.attempts).isEqualTo(1);
        assertThat(refused.lastError).contains("RecordTooLargeException");
        assertThat(refused.nextAttemptAt).isBetween(before.plus(INITIAL_BACKOFF), after.plus(INITIAL_BACKOFF));
        // The other aggregate flows; the stuck aggregate's later rows wait behind the refused one.
        assertThat(row(otherFirst).sentAt).isNotNull();
        assertThat(row(otherSecond).sentAt).isNotNull();
        for (UUID waiting : List.of(stuckSecond, stuckThird)) {
            assertThat(row(waiting).sentAt).isNull();
            assertThat(row(waiting).attempts).isZero();
        }
        assertThat(EventProbe.read(topic, r -> r.key().equals(other), 2, WAIT))
                .extracting(r -> EventProbe.header(r, CloudEventHeaders.ID))
                .containsExactly(otherFirst.toString(), otherSecond.toString());

        // Before its backoff ends the row is not tried again.
        relayUntilIdle();
        assertThat(row(tooLarge).attempts).isEqualTo(1);

        // Each later failure doubles the delay, up to the maximum.
        List<Duration> delays = new ArrayList<>();
        for (int attempt = 2; attempt <= 4; attempt++) {
            makeDue(tooLarge);
            Instant tried = Instant.now();
            relayUntilIdle();
            OutboxMessage again = row(tooLarge);
            assertThat(again.attempts).isEqualTo(attempt);
            assertThat(again.lastError).contains("RecordTooLargeException");
            delays.add(Duration.between(tried, again.nextAttemptAt));
        }
        assertThat(delays.get(0).toMillis()).isCloseTo(INITIAL_BACKOFF.multipliedBy(2).toMillis(), within(5_000L));
        assertThat(delays.get(1).toMillis()).isCloseTo(MAX_BACKOFF.toMillis(), within(5_000L));
        assertThat(delays.get(2).toMillis()).isCloseTo(MAX_BACKOFF.toMillis(), within(5_000L));

        // Once the row can be sent, the aggregate's events follow in their order.
        QuarkusTransaction.requiringNew().run(() -> OutboxMessage.update(
                "payload = ?1, nextAttemptAt = ?2 where eventId = ?3", "{\"status\":\"fixed\"}", Instant.now(), tooLarge));
        relayUntilIdle();
        List<ConsumerRecord<String, String>> records = EventProbe.read(topic, r -> true, 5, WAIT);
        assertThat(versionsByAggregate(records)).containsOnly(
                Map.entry(stuck, List.of(1L, 2L, 3L)), Map.entry(other, List.of(1L, 2L)));
        OutboxMessage sent = row(tooLarge);
        assertThat(sent.sentAt).isNotNull();
        assertThat(sent.lastError).isNull();
        assertThat(unsent(topic)).isZero();
    }

    @Test
    void shouldKeepOtherAggregatesFlowingWhileAStuckAggregateHoldsMoreRowsThanOneBatch() {
        // Kafka refuses this topic name; every row of the aggregate waits behind the first.
        String refusedTopic = topic("invalid topic " + UUID.randomUUID());
        String goodTopic = topic(uniqueTopic());
        String stuck = "thing-stuck-" + UUID.randomUUID();
        String other = "thing-other-" + UUID.randomUUID();
        UUID first = QuarkusTransaction.requiringNew().call(() -> {
            UUID id = write(refusedTopic, stuck, 1, "created");
            for (int version = 2; version <= BATCH_SIZE + 2; version++) {
                write(refusedTopic, stuck, version, "changed");
            }
            return id;
        });
        UUID behind = QuarkusTransaction.requiringNew().call(() -> write(goodTopic, other, 1, "created"));

        relayUntilIdle();

        OutboxMessage refused = row(first);
        assertThat(refused.attempts).isEqualTo(1);
        assertThat(refused.lastError).contains("InvalidTopicException");
        assertThat(unsent(refusedTopic)).isEqualTo(BATCH_SIZE + 2);
        assertThat(row(behind).sentAt).isNotNull();
        assertThat(EventProbe.read(goodTopic, r -> true, 1, WAIT))
                .extracting(r -> EventProbe.header(r, CloudEventHeaders.ID)).containsExactly(behind.toString());
    }

    private String topic(String name) {
        topics.add(name);
        return name;
    }

    private UUID write(String topic, String aggregate, long version, String status) {
        return outbox.publish(topic, TYPE, "thing", aggregate, version, Instant.now(), new ThingChanged(aggregate, null, status));
    }

    /**
     * Relay rounds until two in a row publish nothing, as the scheduled relay would over a few ticks (a
     * round that meets a failing row ends there and publishes only what came before it).
     */
    private void relayUntilIdle() {
        int rounds = 0;
        int idle = 0;
        while (idle < 2) {
            idle = relay.relayBatch() == 0 ? idle + 1 : 0;
            assertThat(++rounds).as("relay rounds").isLessThan(100);
        }
    }

    /** Lets the backoff of a row end now, as if its delay had passed. */
    private static void makeDue(UUID eventId) {
        QuarkusTransaction.requiringNew().run(() ->
                OutboxMessage.update("nextAttemptAt = ?1 where eventId = ?2", Instant.now(), eventId));
    }

    private static long unsent(String topic) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count("topic = ?1 and sentAt is null", topic));
    }

    private static Map<String, List<Long>> versionsByAggregate(List<ConsumerRecord<String, String>> records) {
        Map<String, List<Long>> versions = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            versions.computeIfAbsent(record.key(), k -> new ArrayList<>())
                    .add(Long.parseLong(EventProbe.header(record, CloudEventHeaders.AGGREGATE_VERSION)));
        }
        return versions;
    }
}

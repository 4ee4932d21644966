package io.attain.support.outbox;

import io.agroal.api.AgroalDataSource;
import io.attain.events.CloudEventHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.eclipse.microprofile.context.ManagedExecutor;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes outbox rows to Kafka as CloudEvents (binary mode) and marks them sent.
 *
 * <p>Guarantees: rows of one aggregate go out in the order they were written, one at a time, each
 * acknowledged by all in-sync replicas before the next (rows of different aggregates travel together, see
 * {@link #relay}); a failed row blocks only its own aggregate and
 * is retried with exponential backoff; nothing is lost across restarts because the row stays unsent
 * until the broker acknowledged it. A crash between the acknowledgement and the commit sends that row
 * again, which consumers absorb through their inbox. One relay per database runs at a time (a
 * transaction-scoped advisory lock), so several service instances never interleave an aggregate.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary constant naming the relay's advisory lock. */
    static final long RELAY_LOCK = 0x4F5554424F58L;

    /** Plain JDBC on the transaction's connection: the relay's few statements need no persistence context. */
    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    MeterRegistry registry;

    @Inject
    ManagedExecutor executor;

    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile KafkaProducer<String, String> producer;
    private Counter published;
    private Counter failed;

    @jakarta.annotation.PostConstruct
    void registerMeters() {
        published = registry.counter("attain.outbox.published", "source", config.source());
        failed = registry.counter("attain.outbox.failed.attempts", "source", config.source());
    }

    /**
     * Wakes the relay right after a transaction that wrote outbox rows committed, so events leave within
     * milliseconds instead of at the next tick. Runs the round on a worker thread, never on the
     * committing request's; wake-ups that arrive while one is pending coalesce into it.
     */
    void onWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Written written) {
        if (config.relayEnabled() && wakeUpPending.compareAndSet(false, true)) {
            executor.execute(() -> {
                wakeUpPending.set(false);
                scheduledRelay();
            });
        }
    }

    @Scheduled(every = "${attain.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = RelayDisabled.class)
    void scheduledRelay() {
        if (stopping) {
            return;
        }
        try {
            while (relayBatch() == config.batchSize() && !stopping) {
                // a full batch went out, so more may be waiting: go on without waiting for the next tick
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Outbox relay round failed; it is retried on the next tick");
        }
    }

    /**
     * Relays one batch of due rows.
     *
     * @return the number of rows published in this round
     */
    public int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                // The lock in its own statement, before the due read: a statement's snapshot is taken when it
                // starts, so a due read in the same statement as the lock would not see the rows that the relay
                // holding the lock until then marked sent, and would publish them again.
                if (!tryLock(connection)) {
                    return 0;
                }
                return relay(connection, due(connection, Instant.now()));
            }
        });
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    /**
     * Sends a batch in waves: each wave holds the next row of every aggregate still going, all sent at once
     * and each awaited, so many aggregates share one broker round trip while the rows of one aggregate still
     * go out strictly one after another. An aggregate whose row failed sends nothing more this round; when a
     * whole wave fails the broker is likely unreachable, so the round ends rather than time out wave by wave.
     */
    private int relay(Connection connection, List<OutboxMessage> batch) throws SQLException {
        Map<String, ArrayDeque<OutboxMessage>> byAggregate = new LinkedHashMap<>();
        for (OutboxMessage message : batch) {
            byAggregate.computeIfAbsent(message.topic + '\u0000' + message.aggregateId, key -> new ArrayDeque<>())
                    .add(message);
        }
        List<Long> sent = new ArrayList<>(batch.size());
        while (!byAggregate.isEmpty() && !stopping) {
            List<Map.Entry<String, ArrayDeque<OutboxMessage>>> wave = new ArrayList<>(byAggregate.entrySet());
            List<Future<?>> acknowledgements = new ArrayList<>(wave.size());
            for (Map.Entry<String, ArrayDeque<OutboxMessage>> aggregate : wave) {
                acknowledgements.add(send(aggregate.getValue().peek()));
            }
            long deadline = System.nanoTime() + config.sendTimeout().toNanos();
            int failedInWave = 0;
            for (int i = 0; i < wave.size(); i++) {
                Map.Entry<String, ArrayDeque<OutboxMessage>> aggregate = wave.get(i);
                OutboxMessage message = aggregate.getValue().poll();
                try {
                    acknowledgements.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    sent.add(message.id);
                    published.increment();
                    if (aggregate.getValue().isEmpty()) {
                        byAggregate.remove(aggregate.getKey());
                    }
                } catch (Exception e) {
                    failedInWave++;
                    markFailed(connection, message, e);
                    // the aggregate's later rows wait behind this one: none of them may overtake it
                    byAggregate.remove(aggregate.getKey());
                }
            }
            if (failedInWave == wave.size()) {
                break;
            }
        }
        markSent(connection, sent, Instant.now());
        return sent.size();
    }

    /**
     * One statement for the whole round rather than one per row, with the ids as one array parameter (an IN list of
     * a thousand parameters costs PostgreSQL more to plan than the update itself).
     */
    private static void markSent(Connection connection, List<Long> ids, Instant at) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "update outbox_message set sent_at = ?, last_error = null where id = any(?)")) {
            update.setObject(1, utc(at));
            update.setArray(2, connection.createArrayOf("bigint", ids.toArray()));
            update.executeUpdate();
        }
    }

    private void markFailed(Connection connection, OutboxMessage message, Exception e) throws SQLException {
        failed.increment();
        message.attempts++;
        message.nextAttemptAt = Instant.now().plus(backoff(message.attempts));
        message.lastError = abbreviate(e.toString());
        try (PreparedStatement update = connection.prepareStatement(
                "update outbox_message set attempts = ?, next_attempt_at = ?, last_error = ? where id = ?")) {
            update.setInt(1, message.attempts);
            update.setObject(2, utc(message.nextAttemptAt));
            update.setString(3, message.lastError);
            update.setLong(4, message.id);
            update.executeUpdate();
        }
        LOG.warnf("Outbox event %s (%s %s v%d) not published, attempt %d: %s", message.eventId,
                message.aggregateType, message.aggregateId, message.aggregateVersion, message.attempts, e.getMessage());
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The next unsent rows in the order written, leaving out every row of an aggregate from its first
     * row still waiting for a retry onwards. Filtering in the query rather than in the loop keeps a
     * blocked aggregate with more waiting rows than one batch from filling every batch and starving the
     * other aggregates.
     */
    private List<OutboxMessage> due(Connection connection, Instant now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select m.id, m.event_id, m.topic, m.event_type, m.aggregate_type, m.aggregate_id,
                       m.aggregate_version, m.payload, m.occurred_at, m.attempts, m.next_attempt_at
                from outbox_message m
                where m.sent_at is null
                  and not exists (select 1 from outbox_message w
                                  where w.sent_at is null
                                    and w.topic = m.topic
                                    and w.aggregate_id = m.aggregate_id
                                    and w.id <= m.id
                                    and w.next_attempt_at > ?)
                order by m.id
                limit ?""")) {
            select.setObject(1, utc(now));
            select.setInt(2, config.batchSize());
            List<OutboxMessage> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    // Plain values, not managed entities: the round writes its outcome with explicit statements
                    // (markSent, markFailed).
                    OutboxMessage row = new OutboxMessage();
                    row.id = result.getLong(1);
                    row.eventId = result.getObject(2, UUID.class);
                    row.topic = result.getString(3);
                    row.eventType = result.getString(4);
                    row.aggregateType = result.getString(5);
                    row.aggregateId = result.getString(6);
                    row.aggregateVersion = result.getLong(7);
                    row.payload = result.getString(8);
                    row.occurredAt = result.getObject(9, OffsetDateTime.class).toInstant();
                    row.attempts = result.getInt(10);
                    row.nextAttemptAt = result.getObject(11, OffsetDateTime.class).toInstant();
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Number of rows not yet published; exposed for health and tests. */
    public long pending() {
        return QuarkusTransaction.joiningExisting().call(() -> OutboxMessage.count("sentAt is null"));
    }

    Duration backoff(int attempts) {
        Duration delay = config.initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : delay;
    }

    /** Hands the row to the producer; the future completes when the broker acknowledged it (or failed). */
    private Future<?> send(OutboxMessage message) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(headers, CloudEventHeaders.ID, message.eventId.toString());
        header(headers, CloudEventHeaders.SOURCE, config.source());
        header(headers, CloudEventHeaders.TYPE, message.eventType);
        header(headers, CloudEventHeaders.SUBJECT, message.aggregateId);
        header(headers, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(message.occurredAt));
        header(headers, CloudEventHeaders.AGGREGATE_VERSION, Long.toString(message.aggregateVersion));
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        ProducerRecord<String, String> record = new ProducerRecord<>(
                message.topic, null, message.aggregateId, message.payload, headers);
        try {
            return producer().send(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> current = producer;
        if (current == null) {
            synchronized (this) {
                current = producer;
                if (current == null) {
                    Properties props = new Properties();
                    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
                    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
                    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.sendTimeout().toMillis());
                    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.sendTimeout().toMillis());
                    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.sendTimeout().toMillis());
                    props.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay" + config.source().replace('/', '-'));
                    current = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
                    producer = current;
                }
            }
        }
        return current;
    }

    void onStop(@Observes ShutdownEvent event) {
        // Rows not relayed now stay in the table and go out after the next start.
        stopping = true;
        KafkaProducer<String, String> current = producer;
        if (current != null) {
            current.close(Duration.ofSeconds(5));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000);
    }

    /** Skips the scheduled relay when {@code attain.outbox.relay-enabled=false}. */
    @ApplicationScoped
    public static class RelayDisabled implements Scheduled.SkipPredicate {
        @Inject
        OutboxConfig config;

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.relayEnabled();
        }
    }
}

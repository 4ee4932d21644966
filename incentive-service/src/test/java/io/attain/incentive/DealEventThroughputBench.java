package io.attain.incentive;

import io.attain.events.DealEvent;
import io.attain.events.DealSnapshot;
import io.attain.events.Topics;
import io.agroal.api.AgroalDataSource;
import io.attain.testing.Infrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.attain.incentive.Deals.deal;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measurements, not timed tests (issue 5's "Speed" section), against the real PostgreSQL and Kafka of
 * test-support; skipped unless {@code -Dattain.bench=true}:
 * <pre>
 * ./mvnw -pl incentive-service test -Dtest=DealEventThroughputBench -Dattain.bench=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * <ul>
 *   <li>one deal event end to end: from the broker's acknowledgement of a {@code WON} event to its credit entry
 *       committed (consume → inbox → ledger), sequentially, as percentiles;</li>
 *   <li>the same through to the member's statement in an open period showing it (the ledger marks the statement
 *       stale; the recalculation job writes a new run);</li>
 *   <li>backlog catch-up: 10,000 {@code WON} events for 100 reps published at once, and the rate at which the
 *       consumer turns them into credit entries.</li>
 * </ul>
 * Figures go to standard output, prefixed {@code BENCH}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "attain.bench", matches = "true")
class DealEventThroughputBench {

    private static final int LATENCY_SAMPLES = 300;
    private static final int STATEMENT_WARM_UP = 1_000;
    private static final int STATEMENT_SAMPLES = 200;
    private static final int BACKLOG = 10_000;

    @Inject
    EntityManager em;

    @Inject
    KafkaClientService kafkaClients;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void dealEventToCreditLatency() throws Exception {
        String rep = "bench-rep-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer()) {
            warmUp(producer, rep);
            long[] nanos = new long[LATENCY_SAMPLES];
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement credited = connection.prepareStatement("select 1 from credit_entry where deal_id = ?")) {
                for (int i = 0; i < LATENCY_SAMPLES; i++) {
                    UUID dealId = UUID.randomUUID();
                    send(producer, deal(dealId, 1, "WON", rep, "1000.00")).get(10, TimeUnit.SECONDS);
                    long start = System.nanoTime();
                    credited.setObject(1, dealId);
                    // Polled every millisecond (see wonAndAwaited)
                    while (!exists(credited)) {
                        Thread.sleep(1);
                    }
                    nanos[i] = System.nanoTime() - start;
                }
            }
            report("deal event -> credit entry committed", nanos);
        }
    }

    @Test
    void dealEventToStatementLatency() throws Exception {
        int year = Commissions.year();
        String planId = Commissions.plan(Commissions.seedTerms("RETROACTIVE", "BOOKED"), Commissions.quarterStart(year, 1));
        String periodId = Commissions.period(year, 1);
        // A first rep's deals warm the consumer's and the recalculation's code up (JIT) and are not counted; the
        // measured rep starts with an empty ledger, as a rep's quarter does.
        String warmUpRep = rep(planId, year);
        for (int i = 0; i < STATEMENT_WARM_UP; i++) {
            wonAndAwaited(warmUpRep, periodId, year, i + 1);
        }
        String rep = rep(planId, year);
        long[] nanos = new long[STATEMENT_SAMPLES];
        long[] toCredit = new long[STATEMENT_SAMPLES];
        long[] toRun = new long[STATEMENT_SAMPLES];
        for (int i = 0; i < STATEMENT_SAMPLES; i++) {
            Sample sample = wonAndAwaited(rep, periodId, year, i + 1);
            nanos[i] = sample.nanos();
            // Where the time went, by the service's own clock: when the credit entry and the statement's run were written.
            Instant[] steps = steps(sample.deal().id, rep, periodId);
            toCredit[i] = Duration.between(sample.acknowledged(), steps[0]).toNanos();
            toRun[i] = Duration.between(steps[0], steps[1]).toNanos();
        }
        report("deal event -> statement recalculated", nanos);
        report("  of which: broker ack -> credit entry written (in the consumer's transaction)", toCredit);
        report("  of which: credit entry written -> run of the statement started", toRun);
    }

    /** A rep with the plan and a quarterly quota of 1,000,000.00 CNY in {@code year}'s first quarter. */
    private static String rep(String planId, int year) {
        String rep = Commissions.member();
        Commissions.assign(planId, rep, Commissions.quarterStart(year, 1), Commissions.quarterEnd(year, 1));
        Commissions.quota(rep, year, 1, "1000000.00");
        Commissions.awaitQuota(rep, "1000000.00");
        return rep;
    }

    private static boolean exists(PreparedStatement query) throws java.sql.SQLException {
        try (ResultSet row = query.executeQuery()) {
            return row.next();
        }
    }

    /** One deal: when the broker acknowledged it, and how long after that its statement showed it. */
    private record Sample(Commissions.Deal deal, Instant acknowledged, long nanos) {
    }

    /**
     * Publishes the rep's {@code n}th won deal of 10,000.00 (1% of quota each) and, from the broker's
     * acknowledgement on, waits until the statement the period shows reaches n% attainment.
     */
    private Sample wonAndAwaited(String rep, String periodId, int year, int n) throws Exception {
        Commissions.Deal deal = new Commissions.Deal(rep, "10000.00").won(LocalDate.of(year, 2, 1));
        long acknowledged = System.nanoTime();
        Instant acknowledgedAt = Instant.now();
        BigDecimal expected = new BigDecimal(n);
        // Polled every millisecond over one connection with a prepared statement: the poll's own CPU, on a
        // 2-core machine, would otherwise slow down what it measures.
        try (Connection connection = dataSource.getConnection();
             PreparedStatement attainment = connection.prepareStatement("""
                     select s.attainment_percent from current_statement c join statement s on s.id = c.statement_id
                     where c.period_id = ? and c.member_id = ?""")) {
            attainment.setObject(1, UUID.fromString(periodId));
            attainment.setString(2, rep);
            while (true) {
                try (ResultSet row = attainment.executeQuery()) {
                    if (row.next() && row.getBigDecimal(1) != null && row.getBigDecimal(1).compareTo(expected) == 0) {
                        break;
                    }
                }
                Thread.sleep(1);
                if (System.nanoTime() - acknowledged > TimeUnit.SECONDS.toNanos(60)) {
                    throw new AssertionError("statement of " + rep + " did not reach " + expected + "%");
                }
            }
        }
        return new Sample(deal, acknowledgedAt, System.nanoTime() - acknowledged);
    }

    @Test
    void backlogCatchUp() throws Exception {
        String prefix = "bench-backlog-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        try (KafkaProducer<String, String> producer = producer()) {
            warmUp(producer, prefix + "warm");
            long start = System.nanoTime();
            for (int i = 0; i < BACKLOG; i++) {
                send(producer, deal(UUID.randomUUID(), 1, "WON", prefix + (i % 100), "1000.00"));
            }
            producer.flush();
            long published = System.nanoTime();
            long count;
            while ((count = credits("member_id like ?1", prefix + "%")) < BACKLOG + 1) {
                Thread.sleep(20);
            }
            long done = System.nanoTime();
            assertThat(count).isEqualTo(BACKLOG + 1);
            System.out.printf("BENCH backlog of %,d WON events, consumer running: published in %,d ms; all credited %,d ms after"
                            + " the first send -> %,.0f events/s%n", BACKLOG, (published - start) / 1_000_000,
                    (done - start) / 1_000_000, BACKLOG / ((done - start) / 1e9));
        }
    }

    /** A backlog that built up while the consumer was paused (as after an outage), from its resumption on. */
    @Test
    void backlogCatchUpAfterAPause() throws Exception {
        String prefix = "bench-paused-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        try (KafkaProducer<String, String> producer = producer()) {
            warmUp(producer, prefix + "warm");
            var consumer = kafkaClients.<String, String>getConsumer("deal-events");
            consumer.pause().await().atMost(Duration.ofSeconds(10));
            long before;
            try {
                for (int i = 0; i < BACKLOG; i++) {
                    send(producer, deal(UUID.randomUUID(), 1, "WON", prefix + (i % 100), "1000.00"));
                }
                producer.flush();
                before = credits("member_id like ?1", prefix + "%") - 1;
            } finally {
                consumer.resume().await().atMost(Duration.ofSeconds(10));
            }
            long resumed = System.nanoTime();
            long count;
            while ((count = credits("member_id like ?1", prefix + "%")) < BACKLOG + 1) {
                Thread.sleep(20);
            }
            long done = System.nanoTime();
            assertThat(count).isEqualTo(BACKLOG + 1);
            System.out.printf("BENCH backlog of %,d WON events published while the consumer was paused (%,d credited meanwhile):"
                            + " all credited %,d ms after resuming -> %,.0f events/s%n", BACKLOG, before,
                    (done - resumed) / 1_000_000, (BACKLOG - before) / ((done - resumed) / 1e9));
        }
    }

    private void warmUp(KafkaProducer<String, String> producer, String rep) throws Exception {
        UUID dealId = UUID.randomUUID();
        send(producer, deal(dealId, 1, "WON", rep, "1.00")).get(10, TimeUnit.SECONDS);
        while (credits("deal_id = cast(?1 as uuid)", dealId.toString()) == 0) {
            Thread.sleep(5);
        }
    }

    private long credits(String where, String parameter) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from credit_entry where " + where).setParameter(1, parameter).getSingleResult()).longValue());
    }

    /** When the deal's credit entry was written and when the run the member's statement now belongs to started. */
    private Instant[] steps(UUID dealId, String memberId, String periodId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] row = (Object[]) em.createNativeQuery("""
                            select (select min(e.recorded_at) from credit_entry e where e.deal_id = cast(?1 as uuid)),
                                   (select r.calculated_at from current_statement c join statement s on s.id = c.statement_id
                                    join calculation_run r on r.id = s.run_id
                                    where c.period_id = cast(?2 as uuid) and c.member_id = ?3)""")
                    .setParameter(1, dealId.toString()).setParameter(2, periodId).setParameter(3, memberId).getSingleResult();
            return new Instant[]{instant(row[0]), instant(row[1])};
        });
    }

    private static Instant instant(Object value) {
        return value instanceof java.sql.Timestamp timestamp ? timestamp.toInstant()
                : value instanceof java.time.OffsetDateTime offset ? offset.toInstant() : (Instant) value;
    }

    private static Future<?> send(KafkaProducer<String, String> producer, DealSnapshot deal) {
        DealEvent event = Deals.event(deal);
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.DEAL_EVENTS, deal.id().toString(), Deals.json(event));
        Map<String, String> headers = Deals.headers(UUID.randomUUID().toString(), Deals.typeOf(event), deal.id(), deal.version());
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return producer.send(record);
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        List<String> figures = new ArrayList<>();
        for (double p : new double[]{0.5, 0.9, 0.99}) {
            figures.add("p%d %.1f ms".formatted((int) (p * 100), sorted[(int) Math.ceil(p * sorted.length) - 1] / 1e6));
        }
        figures.add("max %.1f ms".formatted(sorted[sorted.length - 1] / 1e6));
        System.out.printf("BENCH %s over %d events: %s%n", what, nanos.length, String.join(", ", figures));
    }
}

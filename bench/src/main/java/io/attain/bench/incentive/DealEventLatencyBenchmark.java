package io.attain.bench.incentive;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.attain.bench.ServiceProcess;
import io.attain.bench.StatementStatistics;
import io.attain.events.CloudEventHeaders;
import io.attain.events.DealEvent;
import io.attain.events.DealSnapshot;
import io.attain.events.EventJson;
import io.attain.events.EventTypes;
import io.attain.events.Money;
import io.attain.events.TargetEvent;
import io.attain.events.Topics;
import io.attain.testing.Infrastructure;
import io.attain.testing.TestTokens;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deal events end to end in incentive-service, run as it is deployed: its Quarkus jar (prod profile) in a JVM of its
 * own with the heap the local suite gives it, on an embedded PostgreSQL 17 and Kafka broker in this JVM. A
 * {@code @QuarkusTest} measures the service in the test's JVM, beside the broker and the test harness, whose garbage
 * the service's collector then has to go through (see bench/README.md); this one does not.
 *
 * <ul>
 *   <li>deal event → statement: from the broker's acknowledgement of a {@code WON} event until the member's statement in
 *       the open period shows it (polled over one JDBC connection every millisecond), after {@code warmup} events of
 *       other members; with the service's own clock's split into ack → credit entry written → run started;</li>
 *   <li>deal event → credit entry committed, one event after the other;</li>
 *   <li>a backlog of {@code backlog} events sent while the consumer runs, and one sent while the service is stopped
 *       (an outage), caught up from the first credit to the last (the entries' own timestamps) after it starts.</li>
 * </ul>
 *
 * <p>System properties: {@code warmup} (10,000), {@code samples} (200), {@code creditSamples} (300), {@code backlog}
 * (10,000), {@code attain.test.pg-stat-statements} (false: true prints PostgreSQL's costliest statements of the measured
 * events), {@code serviceJvmArgs} (the local suite's, {@code -Xms256m -Xmx512m -Xmn48m -XX:+ExitOnOutOfMemoryError}), {@code app}
 * (incentive-service/target/quarkus-app/quarkus-run.jar).
 */
public final class DealEventLatencyBenchmark {

    private static final String PIPELINE_SOURCE = "/attain/pipeline-service";
    private static final String TARGETS_SOURCE = "/attain/targets-service";
    private static final int YEAR = 2100;
    private static final LocalDate Q1_START = LocalDate.of(YEAR, 1, 1);
    private static final LocalDate Q1_END = LocalDate.of(YEAR, 3, 31);
    private static final Instant WON_AT = LocalDate.of(YEAR, 2, 1).atTime(9, 0).toInstant(ZoneOffset.UTC);
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private final int warmup = Integer.getInteger("warmup", 10_000);
    private final int samples = Integer.getInteger("samples", 200);
    private final int creditSamples = Integer.getInteger("creditSamples", 300);
    private final int backlog = Integer.getInteger("backlog", 10_000);
    private final String serviceJvmArgs = System.getProperty("serviceJvmArgs",
            "-Xms256m -Xmx512m -Xmn48m -XX:+ExitOnOutOfMemoryError");
    private final Path app = Path.of(System.getProperty("app", "incentive-service/target/quarkus-app/quarkus-run.jar"));

    private final HttpClient http = HttpClient.newHttpClient();
    private ServiceProcess service;
    private KafkaProducer<String, String> producer;
    private Connection db;
    private String periodId;
    private String planId;

    public static void main(String[] args) throws Exception {
        new DealEventLatencyBenchmark().run();
        System.exit(0);
    }

    private void run() throws Exception {
        System.out.printf("Deal events end to end in incentive-service: warm-up %,d, %d statement samples, %d credit samples, "
                + "backlogs of %,d, %d cores%n", warmup, samples, creditSamples, backlog, Runtime.getRuntime().availableProcessors());
        String jdbcUrl = Infrastructure.jdbcUrl();
        String kafka = Infrastructure.kafkaBootstrapServers();
        long postmaster = ServiceProcess.postmasterOf(jdbcUrl);
        service = new ServiceProcess("incentive-service", app, serviceJvmArgs, jdbcUrl, kafka, Map.of());
        service.start();
        producer = producer(kafka);
        db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
        try {
            planId = idOf(post("/api/incentives/plans", "admin", """
                    {"name": "bench plan", "currency": "CNY", "effectiveFrom": "%s", "terms": {"basis": "BOOKED",
                     "rateTable": {"mode": "RETROACTIVE", "tiers": [{"thresholdPercent": "80", "ratePercent": "1"},
                     {"thresholdPercent": "100", "ratePercent": "1.5"}, {"thresholdPercent": "120", "ratePercent": "2"}]},
                     "gatePercent": "80"}}""".formatted(Q1_START)));
            periodId = idOf(post("/api/incentives/periods", "finance", """
                    {"name": "%d-Q1", "start": "%s", "end": "%s", "currency": "CNY"}""".formatted(YEAR, Q1_START, Q1_END)));

            // Other members' deals warm the consumer's and the recalculation's code up, each member's quarter as long
            // as the measured one, which starts with an empty ledger as a member's quarter does. The JIT compilers
            // need many rounds here: after 4,000 they still took a quarter of the service's CPU in the measured
            // phase, after 10,000 a thirtieth (the figure is printed).
            String warmUpRep = null;
            for (int i = 0; i < warmup; i++) {
                if (i % samples == 0) {
                    warmUpRep = rep("bench-warm-up");
                }
                wonAndAwaited(warmUpRep, i % samples + 1);
            }
            String rep = rep("bench-measured");
            StatementStatistics.reset(db);
            long compilerBefore = service.compilerCpuNanos();
            long cpuBefore = service.cpuNanos();
            long pgBefore = ServiceProcess.postgresCpuNanos(postmaster);
            long[] toStatement = new long[samples];
            long[] toCredit = new long[samples];
            long[] toRun = new long[samples];
            for (int i = 1; i <= samples; i++) {
                Sample sample = wonAndAwaited(rep, i);
                toStatement[i - 1] = sample.nanos();
                Instant[] steps = steps(sample.dealId(), rep);
                toCredit[i - 1] = Duration.between(sample.acknowledged(), steps[0]).toNanos();
                toRun[i - 1] = Duration.between(steps[0], steps[1]).toNanos();
            }
            double serviceCpu = (service.cpuNanos() - cpuBefore) / 1e6 / samples;
            double pgCpu = (ServiceProcess.postgresCpuNanos(postmaster) - pgBefore) / 1e6 / samples;
            StatementStatistics.print(db, "the " + samples + " measured deal events", 30);
            double compilerCpu = (service.compilerCpuNanos() - compilerBefore) / 1e6 / samples;

            long[] credited = creditLatency("bench-credit");
            Backlog running = backlogWhileRunning("bench-backlog-", postmaster);
            Backlog outage = backlogAfterOutage("bench-outage-", postmaster);

            System.out.println();
            System.out.println("================ incentive-service deal events (service in its own JVM: " + serviceJvmArgs + ") ================");
            report("deal event -> statement recalculated", toStatement, "goal p99 < 20 ms");
            report("  of which: broker ack -> credit entry written", toCredit, "");
            report("  of which: credit entry written -> run started", toRun, "");
            System.out.printf("  CPU per event and statement: service %.2f ms (of which its JIT compilers %.2f ms), PostgreSQL %.2f ms"
                    + " (this JVM's broker and polling not counted)%n", serviceCpu, compilerCpu, pgCpu);
            report("deal event -> credit entry committed", credited, "");
            System.out.printf("backlog of %,d WON events, consumer running: sent in %,d ms, all credited %,d ms after the first send"
                    + " -> %,.0f events/s; service %.2f ms, PostgreSQL %.2f ms CPU per event%n", backlog, running.sentMillis(),
                    running.doneMillis(), running.perSecond(), running.serviceCpuMs(), running.postgresCpuMs());
            System.out.printf("backlog of %,d WON events sent while the service was stopped: first to last credit %,d ms -> %,.0f events/s"
                    + " (goal >= 2,000); service %.2f ms, PostgreSQL %.2f ms CPU per event%n", backlog, outage.doneMillis(),
                    outage.perSecond(), outage.serviceCpuMs(), outage.postgresCpuMs());
        } finally {
            producer.close();
            db.close();
            service.close();
        }
    }

    // ---- set-up through the service's API and the targets topic --------------------------------------------------

    /** A member with the plan and a quarterly quota of 1,000,000.00 CNY. */
    private String rep(String prefix) throws Exception {
        String rep = prefix + "-" + UUID.randomUUID();
        post("/api/incentives/plans/" + planId + "/assignments", "admin", """
                {"memberId": "%s", "periodStart": "%s", "periodEnd": "%s"}""".formatted(rep, Q1_START, Q1_END));
        UUID targetId = UUID.randomUUID();
        TargetEvent quota = new TargetEvent(targetId, 1, null, "REVENUE", Q1_START, Q1_END,
                new TargetEvent.TargetScope(UUID.randomUUID(), rep, Map.of()), Money.of("1000000.00", "CNY"), null, null, null,
                null, "bench-manager", Instant.now());
        send(Topics.TARGET_EVENTS, targetId, json(quota), EventTypes.TARGET_PUBLISHED, TARGETS_SOURCE, 1).get(10, TimeUnit.SECONDS);
        try (PreparedStatement query = db.prepareStatement("select 1 from quota where member_id = ?")) {
            query.setString(1, rep);
            awaitRow(query, Duration.ofSeconds(30), "the quota of " + rep);
        }
        return rep;
    }

    private String post(String path, String role, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(service.base() + path))
                .header("Authorization", "Bearer " + TestTokens.token("bench-" + role, role))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String idOf(String body) {
        Matcher id = ID.matcher(body);
        if (!id.find()) {
            throw new IllegalStateException("no id in " + body);
        }
        return id.group(1);
    }

    // ---- measurements ----------------------------------------------------------------------------------------------

    /** One deal: when the broker acknowledged it, and how long after that the member's statement showed it. */
    private record Sample(UUID dealId, Instant acknowledged, long nanos) {
    }

    /**
     * Publishes the member's {@code n}th won deal of 10,000.00 (1% of the quota each) and, from the broker's
     * acknowledgement on, waits until the statement the period shows reaches n% attainment.
     */
    private Sample wonAndAwaited(String rep, int n) throws Exception {
        UUID dealId = UUID.randomUUID();
        won(dealId, rep, "10000.00").get(10, TimeUnit.SECONDS);
        long acknowledged = System.nanoTime();
        Instant acknowledgedAt = Instant.now();
        BigDecimal expected = new BigDecimal(n);
        try (PreparedStatement attainment = db.prepareStatement("""
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
                    throw new IllegalStateException("statement of " + rep + " did not reach " + expected + "%");
                }
            }
        }
        return new Sample(dealId, acknowledgedAt, System.nanoTime() - acknowledged);
    }

    /** When the deal's credit entry was written and when the run the member's statement now belongs to started. */
    private Instant[] steps(UUID dealId, String rep) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("""
                select (select min(e.recorded_at) from credit_entry e where e.deal_id = ?),
                       (select r.calculated_at from current_statement c join statement s on s.id = c.statement_id
                        join calculation_run r on r.id = s.run_id where c.period_id = ? and c.member_id = ?)""")) {
            query.setObject(1, dealId);
            query.setObject(2, UUID.fromString(periodId));
            query.setString(3, rep);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new Instant[]{row.getTimestamp(1).toInstant(), row.getTimestamp(2).toInstant()};
            }
        }
    }

    private long[] creditLatency(String rep) throws Exception {
        long[] nanos = new long[creditSamples];
        try (PreparedStatement credited = db.prepareStatement("select 1 from credit_entry where deal_id = ?")) {
            for (int i = 0; i < creditSamples; i++) {
                UUID dealId = UUID.randomUUID();
                won(dealId, rep, "1000.00").get(10, TimeUnit.SECONDS);
                long start = System.nanoTime();
                credited.setObject(1, dealId);
                awaitRow(credited, Duration.ofSeconds(60), "the credit of deal " + dealId);
                nanos[i] = System.nanoTime() - start;
            }
        }
        return nanos;
    }

    /** A backlog's figures: how long sending and crediting took, and the CPU spent on it. */
    private record Backlog(int events, long sentMillis, long doneMillis, long serviceCpuNanos, long postgresCpuNanos) {
        double perSecond() {
            return events * 1000.0 / Math.max(1, doneMillis);
        }

        double serviceCpuMs() {
            return serviceCpuNanos / 1e6 / events;
        }

        double postgresCpuMs() {
            return postgresCpuNanos / 1e6 / events;
        }
    }

    private Backlog backlogWhileRunning(String prefix, long postmaster) throws Exception {
        long cpu = service.cpuNanos();
        long pg = ServiceProcess.postgresCpuNanos(postmaster);
        long start = System.nanoTime();
        sendBacklog(prefix);
        long sent = System.nanoTime();
        awaitCredits(prefix);
        long done = System.nanoTime();
        return new Backlog(backlog, (sent - start) / 1_000_000, (done - start) / 1_000_000, service.cpuNanos() - cpu,
                ServiceProcess.postgresCpuNanos(postmaster) - pg);
    }

    /**
     * The service stopped, a backlog sent, the service started again: the rate from its first credit to its last, by
     * the entries' own timestamps (the start-up is not counted). The service's CPU is counted from its readiness on.
     */
    private Backlog backlogAfterOutage(String prefix, long postmaster) throws Exception {
        service.stop();
        sendBacklog(prefix);
        service.start();
        long cpu = service.cpuNanos();
        long pg = ServiceProcess.postgresCpuNanos(postmaster);
        awaitCredits(prefix);
        long serviceCpu = service.cpuNanos() - cpu;
        long pgCpu = ServiceProcess.postgresCpuNanos(postmaster) - pg;
        try (PreparedStatement span = db.prepareStatement("""
                select extract(epoch from max(recorded_at) - min(recorded_at)) * 1000 from credit_entry where member_id like ?""")) {
            span.setString(1, prefix + "%");
            try (ResultSet row = span.executeQuery()) {
                row.next();
                return new Backlog(backlog, 0, Math.round(row.getDouble(1)), serviceCpu, pgCpu);
            }
        }
    }

    /** {@code backlog} won deals of 1,000.00 for 100 members named {@code prefix + n}. */
    private void sendBacklog(String prefix) {
        for (int i = 0; i < backlog; i++) {
            won(UUID.randomUUID(), prefix + (i % 100), "1000.00");
        }
        producer.flush();
    }

    private void awaitCredits(String prefix) throws Exception {
        try (PreparedStatement count = db.prepareStatement("select count(*) from credit_entry where member_id like ?")) {
            count.setString(1, prefix + "%");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (System.nanoTime() < deadline) {
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    if (row.getLong(1) >= backlog) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("the backlog " + prefix + " was not credited within 5 minutes");
    }

    private static void awaitRow(PreparedStatement query, Duration patience, String what) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            try (ResultSet row = query.executeQuery()) {
                if (row.next()) {
                    return;
                }
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException(what + " did not show up within " + patience);
    }

    // ---- events as pipeline-service and targets-service publish them ------------------------------------------------

    /** Version 1 of a deal, won on 1 February of the quarter, owned and fully credited to {@code owner}. */
    private Future<?> won(UUID dealId, String owner, String amount) {
        DealSnapshot deal = new DealSnapshot(dealId, 1, "Bench deal", null, owner, Money.of(amount, "CNY"), "A", "直销", "华东",
                "KA", false, null, "WON", 100, "CLOSED", List.of(), Money.zero("CNY"), WON_AT.minus(Duration.ofDays(30)),
                WON_AT, WON_AT, null);
        DealEvent event = new DealEvent(dealId, 1, WON_AT, owner, "NEGOTIATION", List.of(), null, deal);
        return send(Topics.DEAL_EVENTS, dealId, json(event), EventTypes.DEAL_STAGE_CHANGED, PIPELINE_SOURCE, 1);
    }

    private Future<?> send(String topic, UUID subject, String json, String type, String source, long version) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, subject.toString(), json);
        Map.of(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0,
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.SOURCE, source,
                CloudEventHeaders.TYPE, type,
                CloudEventHeaders.SUBJECT, subject.toString(),
                CloudEventHeaders.TIME, Instant.now().toString(),
                CloudEventHeaders.AGGREGATE_VERSION, Long.toString(version),
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON)
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return producer.send(record);
    }

    private static String json(Object data) {
        try {
            return EventJson.mapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KafkaProducer<String, String> producer(String kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static void report(String what, long[] nanos, String goal) {
        System.out.printf("%-48s p50 %5.1f ms, p90 %5.1f ms, p99 %5.1f ms, max %5.1f ms (%d events)   %s%n", what,
                ServiceProcess.percentileMs(nanos, 50), ServiceProcess.percentileMs(nanos, 90),
                ServiceProcess.percentileMs(nanos, 99), ServiceProcess.percentileMs(nanos, 100), nanos.length, goal);
    }
}

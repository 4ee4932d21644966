package io.attain.bench.crm;

import io.attain.bench.ServiceProcess;
import io.attain.bench.StatementStatistics;
import io.attain.testing.Infrastructure;
import io.attain.testing.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load test of CRM ingestion against a real pipeline-service (its Quarkus jar, prod profile) on embedded PostgreSQL
 * and Kafka in this JVM: events accepted per second on the single and the batch endpoint with N concurrent clients,
 * accept latency at half the single endpoint's maximum (open loop, measured from each request's scheduled start so
 * that a slow answer cannot hide the queue behind it), the time the outbox takes to publish everything, then a
 * check of the topic: every applied change published exactly once, each deal's versions 0..n without gap. Beside it,
 * PostgreSQL's own one-row insert-and-commit rate at the same concurrency (pgbench when installed, else JDBC).
 *
 * <p>System properties: {@code clients} (8), {@code seconds} (20 per phase), {@code batch} (100 events per batch),
 * {@code dealsPerClient} (50), {@code warmup} (30 s of single deliveries first), {@code serviceJvmArgs} (none),
 * {@code app} (pipeline-service/target/quarkus-app/quarkus-run.jar), {@code attain.test.pg-stat-statements} (false: true
 * prints PostgreSQL's costliest statements of each measured phase).
 */
public final class CrmIngestionBenchmark {

    private static final String SECRET = "bench-secret-" + UUID.randomUUID();
    private static final String SYSTEM = "benchcrm";
    private static final String TOPIC = "pipeline.deal-events.v1";
    private static final String[] STAGES = {"LEAD", "CONTACTED", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION", "WON"};
    private static final Pattern DEAL_ID = Pattern.compile("\"dealId\":\"([0-9a-f-]{36})\"");
    private static final Pattern DEAL_VERSION = Pattern.compile("\"dealVersion\":(\\d+)");
    private static final Pattern RESULT = Pattern.compile("\"result\":\"([A-Z_]+)\"");

    private final int clients = Integer.getInteger("clients", 8);
    private final int seconds = Integer.getInteger("seconds", 20);
    private final int batchSize = Integer.getInteger("batch", 100);
    private final int dealsPerClient = Integer.getInteger("dealsPerClient", 50);
    /** Seconds of single deliveries before the measured phase: the JIT compilers need thousands of requests. */
    private final int warmup = Integer.getInteger("warmup", 30);
    /** Extra JVM options of the service, space-separated (e.g. a JFR recording). */
    /** Only the batch endpoint: its warm-up lasts {@code warmup} seconds, then {@code batchRounds} measured phases. */
    private final boolean batchOnly = Boolean.getBoolean("batchOnly");
    private final int batchRounds = Integer.getInteger("batchRounds", 1);
    private final String serviceJvmArgs = System.getProperty("serviceJvmArgs", "");
    private final Path app = Path.of(System.getProperty("app", "pipeline-service/target/quarkus-app/quarkus-run.jar"));

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(Duration.ofSeconds(5)).build();
    private String base;
    private String token;
    /** Next CRM version per CRM deal; each event of a deal gets the next one. */
    private final Map<String, AtomicLong> crmVersions = new ConcurrentHashMap<>();
    /** The highest Attain deal version answered per deal: what the topic must reach. */
    private final Map<String, Long> lastVersions = new ConcurrentHashMap<>();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong notApplied = new AtomicLong();

    private ServiceProcess service;
    private long postmasterPid;

    public static void main(String[] args) throws Exception {
        new CrmIngestionBenchmark().run();
        System.exit(0);
    }

    private void run() throws Exception {
        System.out.printf("CRM ingestion benchmark: %d clients, %d s per phase (warm-up %d s), batches of %d, %d cores%n",
                clients, seconds, warmup, batchSize, Runtime.getRuntime().availableProcessors());
        String jdbcUrl = Infrastructure.jdbcUrl();
        String kafka = Infrastructure.kafkaBootstrapServers();
        service = new ServiceProcess("pipeline-service", app, "-Xmx768m " + serviceJvmArgs, jdbcUrl, kafka,
                Map.of("ATTAIN_CRM_INTEGRATION_SECRET", SECRET));
        base = service.base();
        postmasterPid = ServiceProcess.postmasterOf(jdbcUrl);
        try {
            service.start();
            token = TestTokens.token("crm-integration", "crm-integration");
            mapOwners();

            Throughput single = null;
            double halfRate = 0;
            long[] latencies = new long[0];
            if (!batchOnly) {
                phase("warm-up (single)", Duration.ofSeconds(warmup), false);
                single = accounted("single endpoint", jdbcUrl, () -> phase("single endpoint", Duration.ofSeconds(seconds), false));
                // Before the batches: their events are still being published long after the last batch was accepted,
                // and the latency at half the single rate must not be measured against that backlog.
                halfRate = single.perSecond() / 2;
                latencies = openLoop(halfRate, Duration.ofSeconds(seconds));
            }
            phase("warm-up (batch)", Duration.ofSeconds(batchOnly ? warmup : Math.min(10, seconds)), true);
            Throughput batch = null;
            for (int round = 1; round <= batchRounds; round++) {
                String name = batchRounds == 1 ? "batch endpoint" : "batch endpoint " + round;
                batch = accounted(name, jdbcUrl, () -> phase(name, Duration.ofSeconds(seconds), true));
            }

            Instant drainStart = Instant.now();
            Check check = checkTopic(kafka, Duration.ofMinutes(5));
            Duration drain = Duration.between(drainStart, Instant.now());

            double commits = pgCommitRate(jdbcUrl, clients, seconds);

            System.out.println();
            System.out.println("================ CRM ingestion results ================");
            if (single != null) {
                System.out.printf("single endpoint      : %,10.0f events/s accepted (%d clients)   goal >= 2,000%n", single.perSecond(), clients);
            }
            System.out.printf("batch endpoint       : %,10.0f events/s accepted (%d clients x %d events)   goal >= 10,000%n",
                    batch.perSecond(), clients, batchSize);
            if (single != null) {
                System.out.printf("latency at %,.0f ev/s : p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d requests)   goal p99 < 50 ms%n",
                        halfRate, ServiceProcess.percentileMs(latencies, 50), ServiceProcess.percentileMs(latencies, 99), ServiceProcess.percentileMs(latencies, 100), latencies.length);
            }
            System.out.printf("PostgreSQL commits   : %,10.0f one-row insert+commit/s at %d clients (%s)%n", commits, clients, pgMethod);
            System.out.printf("ratio                : single %.2f%%, batch %.2f%% of PostgreSQL's commit rate%n",
                    single == null ? 0 : 100 * single.perSecond() / commits, 100 * batch.perSecond() / commits);
            System.out.printf("Kafka after the run  : %,d deal events for %,d deals; %s; published in %.1f s after the last accept%n",
                    check.events, check.deals, check.verdict, drain.toMillis() / 1000.0);
            System.out.printf("accepted events      : %,d applied, %,d duplicate/stale/rejected%n", applied.get(), notApplied.get());
            if (single != null) {
                System.out.printf("CPU per event        : single: service %.2f ms + PostgreSQL %.2f ms; batch: service %.2f ms + PostgreSQL %.2f ms%n",
                        single.serviceCpuMs(), single.postgresCpuMs(), batch.serviceCpuMs(), batch.postgresCpuMs());
                System.out.printf("CPU-bound ceiling    : 2 idle cores would allow about %,.0f single / %,.0f batched events/s (service + PostgreSQL only)%n",
                        2000 / (single.serviceCpuMs() + single.postgresCpuMs()), 2000 / (batch.serviceCpuMs() + batch.postgresCpuMs()));
            } else {
                System.out.printf("CPU per event        : batch: service %.2f ms + PostgreSQL %.2f ms (last round)%n",
                        batch.serviceCpuMs(), batch.postgresCpuMs());
            }
        } finally {
            service.close();
        }
    }

    // ---- the service -------------------------------------------------------------------------------------------

    private void mapOwners() throws Exception {
        String admin = TestTokens.token("bench-admin", "admin");
        for (int c = 0; c < clients; c++) {
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(base + "/api/pipeline/crm/user-mappings/"
                            + SYSTEM + "/owner-" + c)).header("Authorization", "Bearer " + admin)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"userId\":\"bench-rep-" + c + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (put.statusCode() / 100 != 2) {
                throw new IllegalStateException("mapping owner-" + c + " answered " + put.statusCode() + ": " + put.body());
            }
        }
    }

    // ---- load ---------------------------------------------------------------------------------------------------

    /** Events accepted in a phase, and the CPU time the service and PostgreSQL spent on them. */
    record Throughput(long events, Duration took, long serviceCpuNanos, long postgresCpuNanos) {
        double perSecond() {
            return events * 1000.0 / Math.max(1, took.toMillis());
        }

        double serviceCpuMs() {
            return serviceCpuNanos / 1e6 / Math.max(1, events);
        }

        double postgresCpuMs() {
            return postgresCpuNanos / 1e6 / Math.max(1, events);
        }
    }

    private interface Phase {
        Throughput run() throws Exception;
    }

    /** The phase, with PostgreSQL's costliest statements in it when asked for ({@link StatementStatistics}). */
    private static Throughput accounted(String name, String jdbcUrl, Phase phase) throws Exception {
        if (!StatementStatistics.enabled()) {
            return phase.run();
        }
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            StatementStatistics.reset(db);
            Throughput result = phase.run();
            StatementStatistics.print(db, name, 25);
            return result;
        }
    }

    /** Closed loop: each client sends its next delivery as soon as the last was answered. */
    private Throughput phase(String name, Duration duration, boolean batched) throws Exception {
        AtomicLong events = new AtomicLong();
        long serviceCpu = service.cpuNanos();
        long postgresCpu = ServiceProcess.postgresCpuNanos(postmasterPid);
        Instant start = Instant.now();
        Instant end = start.plus(duration);
        CountDownLatch done = new CountDownLatch(clients);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                int client = c;
                pool.execute(() -> {
                    try {
                        int n = 0;
                        while (Instant.now().isBefore(end)) {
                            if (batched) {
                                List<String> batch = new ArrayList<>(batchSize);
                                for (int i = 0; i < batchSize; i++) {
                                    batch.add(nextEvent(client, n++));
                                }
                                deliver("/api/pipeline/crm/events/batch", "{\"events\":[" + String.join(",", batch) + "]}");
                                events.addAndGet(batchSize);
                            } else {
                                deliver("/api/pipeline/crm/events", nextEvent(client, n++));
                                events.incrementAndGet();
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await();
        }
        Throughput result = new Throughput(events.get(), Duration.between(start, Instant.now()),
                service.cpuNanos() - serviceCpu, ServiceProcess.postgresCpuNanos(postmasterPid) - postgresCpu);
        System.out.printf("%-18s %,8d events in %5.1f s = %,8.0f events/s; CPU per event: service %.2f ms, PostgreSQL %.2f ms%n",
                name, result.events(), result.took().toMillis() / 1000.0, result.perSecond(), result.serviceCpuMs(),
                result.postgresCpuMs());
        return result;
    }

    /** Open loop at a fixed rate; each latency counts from the request's scheduled start. */
    private long[] openLoop(double rate, Duration duration) throws Exception {
        long total = (long) (rate * duration.toSeconds());
        long intervalNanos = (long) (1_000_000_000L / rate);
        long[] latencies = new long[(int) total];
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long scheduled = start + i * intervalNanos;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int index = i;
                pool.execute(() -> {
                    try {
                        deliver("/api/pipeline/crm/events", nextEvent(index % clients, index));
                        latencies[index] = System.nanoTime() - scheduled;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }
        System.out.printf("%-18s %,8d events at %,.0f/s%n", "half load", total, rate);
        return latencies;
    }

    /** The next snapshot of one of the client's deals: its CRM version one higher, its stage one further. */
    private String nextEvent(int client, int n) {
        String crmDeal = "deal-" + client + "-" + (n % dealsPerClient);
        long version = crmVersions.computeIfAbsent(crmDeal, k -> new AtomicLong()).incrementAndGet();
        String stage = STAGES[(int) ((version - 1) % STAGES.length)];
        return "{\"eventId\":\"" + UUID.randomUUID() + "\",\"crmSystem\":\"" + SYSTEM + "\",\"crmDealId\":\"" + crmDeal
                + "\",\"crmVersion\":" + version + ",\"deal\":{\"name\":\"Bench deal " + crmDeal + "\","
                + "\"account\":{\"externalId\":\"acct-" + client + "-" + (n % 10) + "\",\"name\":\"Account " + client + "\"},"
                + "\"owner\":{\"externalId\":\"owner-" + client + "\"},"
                + "\"amount\":{\"amount\":\"" + (10000 + version) + ".00\",\"currency\":\"CNY\"},\"productLine\":\"A\","
                + "\"region\":\"华东\",\"stage\":\"" + stage + "\"}}";
    }

    private void deliver(String path, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("X-Attain-Timestamp", timestamp)
                .header("X-Attain-Signature", "sha256=" + sign(timestamp, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        // Every result names its deal and the deal's version after it: the topic must reach the highest.
        Matcher ids = DEAL_ID.matcher(response.body());
        Matcher versions = DEAL_VERSION.matcher(response.body());
        Matcher results = RESULT.matcher(response.body());
        while (ids.find() && versions.find() && results.find()) {
            lastVersions.merge(ids.group(1), Long.parseLong(versions.group(1)), Math::max);
            if ("APPLIED".equals(results.group(1))) {
                applied.incrementAndGet();
            } else {
                notApplied.incrementAndGet();
            }
        }
    }

    private static String sign(String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
        return java.util.HexFormat.of().formatHex(mac.doFinal(body));
    }

    // ---- the topic ------------------------------------------------------------------------------------------------

    record Check(long events, int deals, String verdict) {
    }

    /**
     * Reads the topic until every deal's highest answered version arrived, then checks: no event id twice, no
     * (deal, version) twice, each deal's versions 0..highest without a gap.
     */
    private Check checkTopic(String kafka, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "crm-bench-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        Set<String> eventIds = new HashSet<>();
        Map<String, Set<Long>> versions = new HashMap<>();
        long duplicates = 0;
        long events = 0;
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            while (Instant.now().isBefore(deadline) && !complete(versions)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    events++;
                    boolean newId = eventIds.add(header(record, "ce_id"));
                    boolean newVersion = versions.computeIfAbsent(record.key(), k -> new HashSet<>())
                            .add(Long.parseLong(header(record, "ce_aggregateversion")));
                    if (!newId || !newVersion) {
                        duplicates++;
                    }
                }
            }
        }
        long missing = 0;
        for (Map.Entry<String, Long> deal : lastVersions.entrySet()) {
            Set<Long> seen = versions.getOrDefault(deal.getKey(), Set.of());
            for (long v = 0; v <= deal.getValue(); v++) {
                if (!seen.contains(v)) {
                    missing++;
                }
            }
        }
        String verdict = missing == 0 && duplicates == 0 ? "nothing lost, nothing duplicated"
                : missing + " versions MISSING, " + duplicates + " DUPLICATES";
        return new Check(events, lastVersions.size(), verdict);
    }

    private boolean complete(Map<String, Set<Long>> versions) {
        for (Map.Entry<String, Long> deal : lastVersions.entrySet()) {
            Set<Long> seen = versions.get(deal.getKey());
            if (seen == null || seen.size() < deal.getValue() + 1) {
                return false;
            }
        }
        return true;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    // ---- PostgreSQL alone ---------------------------------------------------------------------------------------------

    private String pgMethod = "pgbench";

    /** One-row insert and commit per transaction, {@code concurrency} connections, for {@code seconds}. */
    private double pgCommitRate(String jdbcUrl, int concurrency, int seconds) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists bench_commit (id bigserial primary key, at timestamptz not null default now(), v int)");
        }
        Matcher port = Pattern.compile("localhost:(\\d+)/").matcher(jdbcUrl);
        String pgbench = which("pgbench");
        if (pgbench != null && port.find()) {
            Path script = Files.createTempFile("crm-bench", ".sql");
            Files.writeString(script, "insert into bench_commit (v) values (1);\n");
            ProcessBuilder builder = new ProcessBuilder(pgbench, "-n", "-h", "localhost", "-p", port.group(1), "-U", "postgres",
                    "-c", Integer.toString(concurrency), "-j", "2", "-T", Integer.toString(seconds), "-f", script.toString(), "postgres")
                    .redirectErrorStream(true);
            builder.environment().put("PGPASSWORD", "postgres");
            Process process = builder.start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(out);
            if (tps.find()) {
                return Double.parseDouble(tps.group(1));
            }
            System.out.println("pgbench gave no figure, measuring with JDBC instead:\n" + out);
        }
        pgMethod = "JDBC, pgbench not available";
        AtomicLong commits = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            for (int c = 0; c < concurrency; c++) {
                pool.execute(() -> {
                    try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                         PreparedStatement insert = connection.prepareStatement("insert into bench_commit (v) values (1)")) {
                        connection.setAutoCommit(true);
                        while (System.nanoTime() < end) {
                            insert.executeUpdate();
                            commits.incrementAndGet();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }
        return commits.get() / (double) seconds;
    }

    private static String which(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Load generator for the gateway benchmark (bench/gateway-load/run.sh starts everything). Modes:
 * <ul>
 * <li>{@code keys <dir>}: an RSA key pair for the run; writes {@code public-key.txt} (what quarkus.oidc.public-key
 * takes) and {@code token.txt}, a Keycloak-shaped access token signed with it, valid for two hours;</li>
 * <li>{@code upstream <port>}: the trivial upstream, a Vert.x server answering every request with a small JSON deal;</li>
 * <li>{@code load key=value...}: the measurement. Same GET, same token, once directly to the upstream and once
 * through the gateway, in alternating phases so that drift of the (shared) machine hits both alike:
 * <ol>
 * <li>latency at a fixed rate, open loop: requests are sent on a fixed schedule whatever the answers do, and each
 * latency is measured from the moment the request was due, so a stall is not hidden (no coordinated omission);</li>
 * <li>throughput ceiling, closed loop: {@code concurrency} requests in flight at all times, completions per second.</li>
 * </ol></li>
 * </ul>
 * Run with the gateway's runtime class path (Vert.x and HdrHistogram come from there) and the JDK's source launcher.
 */
public class GatewayLoad {

    private static final String ISSUER = "https://bench.attain.test/realms/attain";

    private static final String DEAL = "{\"id\":\"7f2c1d7e-8a3b-4c55-9d0e-0b7e4b1e2a42\",\"name\":\"Bench deal\","
            + "\"ownerId\":\"bench-user\",\"stage\":\"PROPOSAL\",\"amount\":{\"amount\":\"125000.00\",\"currency\":\"CNY\"},"
            + "\"productLine\":\"SAAS\",\"version\":3}";

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "keys" -> keys(Path.of(args[1]));
            case "upstream" -> upstream(Integer.parseInt(args[1]));
            case "load" -> {
                try {
                    load(options(args));
                } catch (Exception | Error e) {
                    // The load's Vert.x threads are not daemons: without an explicit exit a failed phase (an upstream
                    // that does not answer in time) would leave the benchmark hanging instead of failing.
                    e.printStackTrace();
                    System.exit(1);
                }
            }
            default -> {
                System.err.println("usage: GatewayLoad keys <dir> | upstream <port> | load direct=<url> gateway=<url>"
                        + " path=<path> token-file=<file> [rate=1000] [seconds=15] [rounds=2] [warmup-seconds=10]"
                        + " [ceiling-seconds=10] [concurrency=32] [warmup-ceiling-seconds=10]");
                System.exit(2);
            }
        }
    }

    private static void keys(Path dir) throws Exception {
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"bench\"}";
        String payload = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"bench-user\",\"azp\":\"attain-web\","
                + "\"preferred_username\":\"bench-user\",\"realm_access\":{\"roles\":[\"rep\"]},"
                + "\"iat\":" + now + ",\"exp\":" + (now + 7200) + "}";
        String signingInput = url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(pair.getPrivate());
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        String token = signingInput + "." + url.encodeToString(signature.sign());
        Files.writeString(dir.resolve("public-key.txt"),
                Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        Files.writeString(dir.resolve("issuer.txt"), ISSUER);
        Files.writeString(dir.resolve("token.txt"), token);
    }

    private static void upstream(int port) throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        Buffer body = Buffer.buffer(DEAL);
        vertx.createHttpServer()
                .requestHandler(request -> request.response()
                        .putHeader("Content-Type", "application/json")
                        .end(body))
                .listen(port, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        System.out.println("upstream listening on " + port);
        Thread.currentThread().join();
    }

    private static void load(Map<String, String> options) throws Exception {
        String path = options.getOrDefault("path", "/api/pipeline/deals/42");
        String token = Files.readString(Path.of(options.get("token-file"))).trim();
        int rate = Integer.parseInt(options.getOrDefault("rate", "1000"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "15"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "2"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup-seconds", "10"));
        int ceilingSeconds = Integer.parseInt(options.getOrDefault("ceiling-seconds", "10"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "32"));
        int warmupCeiling = Integer.parseInt(options.getOrDefault("warmup-ceiling-seconds", "10"));

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        Target direct = new Target("direct", vertx, options.get("direct"), path, token);
        Target gateway = new Target("gateway", vertx, options.get("gateway"), path, token);

        System.out.printf(Locale.ROOT, "warm-up: %d s each at %d req/s, then %d s each with %d in flight%n", warmup,
                rate, warmupCeiling, concurrency);
        fixedRate(direct, rate, warmup);
        fixedRate(gateway, rate, warmup);
        // At a low rate (a real service) the fixed-rate warm-up alone leaves the JIT compiler far from done, and the
        // service, serving both targets, would be warmed twice as much as the gateway.
        closedLoop(direct, concurrency, warmupCeiling);
        closedLoop(gateway, concurrency, warmupCeiling);

        CpuMeter cpu = new CpuMeter(options.get("upstream-pid"), options.get("gateway-pid"),
                Integer.parseInt(options.getOrDefault("clock-ticks", "100")));
        Histogram directLatency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        Histogram gatewayLatency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        long[] errors = new long[2];
        // CPU of the upstream while serving the direct phases, of both while serving the gateway phases.
        long[] fixedRateCpu = new long[3];
        for (int round = 0; round < rounds; round++) {
            long[] start = cpu.read();
            Result d = fixedRate(direct, rate, seconds);
            long[] middle = cpu.read();
            Result g = fixedRate(gateway, rate, seconds);
            long[] end = cpu.read();
            fixedRateCpu[0] += middle[0] - start[0];
            fixedRateCpu[1] += end[0] - middle[0];
            fixedRateCpu[2] += end[1] - middle[1];
            directLatency.add(d.latency());
            gatewayLatency.add(g.latency());
            errors[0] += d.errors();
            errors[1] += g.errors();
            System.out.printf(Locale.ROOT, "round %d: direct p50 %.3f p99 %.3f | gateway p50 %.3f p99 %.3f ms%n",
                    round + 1, ms(d.latency().getValueAtPercentile(50)), ms(d.latency().getValueAtPercentile(99)),
                    ms(g.latency().getValueAtPercentile(50)), ms(g.latency().getValueAtPercentile(99)));
        }

        System.out.printf(Locale.ROOT, "%nlatency at %d req/s, open loop, %d x %d s per target (ms):%n", rate, rounds,
                seconds);
        System.out.println("target    requests  errors     p50     p90     p99   p99.9     max");
        print("direct", directLatency, errors[0]);
        print("gateway", gatewayLatency, errors[1]);
        System.out.printf(Locale.ROOT, "added     p50 %+.3f ms, p99 %+.3f ms%n",
                ms(gatewayLatency.getValueAtPercentile(50)) - ms(directLatency.getValueAtPercentile(50)),
                ms(gatewayLatency.getValueAtPercentile(99)) - ms(directLatency.getValueAtPercentile(99)));

        if (cpu.enabled()) {
            // At a fixed, moderate rate most requests wake the event loops on their own: the cost per request a
            // gateway in front of a real service mostly pays.
            double requests = (double) rate * seconds * rounds;
            System.out.printf(Locale.ROOT, "CPU per request at %d req/s: upstream %.0f us (direct), "
                    + "upstream %.0f us + gateway %.0f us (through the gateway)%n", rate,
                    fixedRateCpu[0] / 1e3 / requests, fixedRateCpu[1] / 1e3 / requests,
                    fixedRateCpu[2] / 1e3 / requests);
        }

        long[] before = cpu.read();
        double directCeiling = closedLoop(direct, concurrency, ceilingSeconds);
        long[] between = cpu.read();
        double gatewayCeiling = closedLoop(gateway, concurrency, ceilingSeconds);
        long[] after = cpu.read();
        long latencyRequests = (long) rate * seconds * rounds + (long) rate * warmup;
        System.out.printf(Locale.ROOT, "%nrequests sent: direct %,d, gateway %,d (fixed-rate phases and measured ceiling; not the closed-loop warm-up)%n",
                latencyRequests + Math.round(directCeiling * ceilingSeconds),
                latencyRequests + Math.round(gatewayCeiling * ceilingSeconds));
        System.out.printf(Locale.ROOT, "%nthroughput ceiling, closed loop, %d in flight, %d s each:%n", concurrency,
                ceilingSeconds);
        System.out.printf(Locale.ROOT, "direct  %,.0f req/s%ngateway %,.0f req/s (%.0f%% of direct)%n", directCeiling,
                gatewayCeiling, 100 * gatewayCeiling / directCeiling);
        if (cpu.enabled()) {
            // Warmed up, so no JIT compilation in these figures; CPU time does not depend on how busy the machine is.
            double directRequests = directCeiling * ceilingSeconds;
            double gatewayRequests = gatewayCeiling * ceilingSeconds;
            System.out.printf(Locale.ROOT, "CPU per request in the ceiling phases: upstream %.0f us (direct), "
                    + "upstream %.0f us + gateway %.0f us (through the gateway)%n",
                    (between[0] - before[0]) / 1e3 / directRequests, (after[0] - between[0]) / 1e3 / gatewayRequests,
                    (after[1] - between[1]) / 1e3 / gatewayRequests);
            System.out.printf(Locale.ROOT, "  of which JIT compiler threads: upstream %.1f us (direct), gateway %.1f us"
                    + " (through the gateway); more than a few us means not warmed up yet%n",
                    (between[2] - before[2]) / 1e3 / directRequests, (after[3] - between[3]) / 1e3 / gatewayRequests);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private record Result(Histogram latency, long errors) {
    }

    /**
     * Sends {@code rate} requests per second for {@code seconds}, each when it is due; latency counts from then.
     */
    private static Result fixedRate(Target target, int rate, int seconds) throws InterruptedException {
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        AtomicLong errors = new AtomicLong();
        long total = (long) rate * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        CountDownLatch finished = new CountDownLatch((int) total);
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            target.send(due, (dueAt, ok) -> {
                long latency = System.nanoTime() - dueAt;
                synchronized (histogram) {
                    histogram.recordValue(Math.min(latency, histogram.getHighestTrackableValue()));
                }
                if (!ok) {
                    errors.incrementAndGet();
                }
                finished.countDown();
            });
        }
        if (!finished.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(target.name + ": " + finished.getCount() + " of " + total
                    + " responses still missing after 60 s");
        }
        return new Result(histogram, errors.get());
    }

    /**
     * Keeps {@code concurrency} requests in flight for {@code seconds}; returns completed requests per second.
     */
    private static double closedLoop(Target target, int concurrency, int seconds) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong completed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        CountDownLatch stopped = new CountDownLatch(concurrency);
        long start = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            loop(target, running, completed, errors, stopped);
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        running.set(false);
        long done = completed.get();
        double elapsed = (System.nanoTime() - start) / 1e9;
        stopped.await(30, TimeUnit.SECONDS);
        if (errors.get() > 0) {
            System.out.printf(Locale.ROOT, "%s: %d errors in the closed loop%n", target.name, errors.get());
        }
        return done / elapsed;
    }

    private static void loop(Target target, AtomicBoolean running, AtomicLong completed, AtomicLong errors,
            CountDownLatch stopped) {
        target.send(System.nanoTime(), (due, ok) -> {
            if (ok) {
                completed.incrementAndGet();
            } else {
                errors.incrementAndGet();
            }
            if (running.get()) {
                loop(target, running, completed, errors, stopped);
            } else {
                stopped.countDown();
            }
        });
    }

    private static void print(String name, Histogram h, long errors) {
        System.out.printf(Locale.ROOT, "%-8s %9d %7d %7.3f %7.3f %7.3f %7.3f %7.3f%n", name, h.getTotalCount(), errors,
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            options.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        return options;
    }

    /**
     * CPU time (user + system) of the upstream and gateway processes, from /proc/&lt;pid&gt;/stat.
     */
    private record CpuMeter(String upstreamPid, String gatewayPid, int clockTicks) {

        boolean enabled() {
            return upstreamPid != null && gatewayPid != null;
        }

        /**
         * Nanoseconds of CPU used so far by the upstream and the gateway, then by their JIT compiler threads alone;
         * zeros when the pids are not given.
         */
        long[] read() throws IOException {
            return enabled()
                    ? new long[] { nanos(upstreamPid), nanos(gatewayPid), jitNanos(upstreamPid), jitNanos(gatewayPid) }
                    : new long[4];
        }

        /** CPU of the JVM's C1/C2 compiler threads: still compiling means the process is not warmed up yet. */
        private long jitNanos(String pid) throws IOException {
            long total = 0;
            try (var tasks = Files.list(Path.of("/proc", pid, "task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        if (Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                            total += ticksToNanos(Files.readString(task.resolve("stat")));
                        }
                    } catch (IOException gone) {
                        // a compiler thread that ended meanwhile
                    }
                }
            }
            return total;
        }

        private long nanos(String pid) throws IOException {
            return ticksToNanos(Files.readString(Path.of("/proc", pid, "stat")));
        }

        private long ticksToNanos(String stat) {
            // Fields after the command name, which is in parentheses and may contain spaces: state is the first.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1_000_000_000L / clockTicks;
        }
    }

    interface Completion {
        void done(long due, boolean ok);
    }

    /**
     * One endpoint under test: its own keep-alive pool, so the two targets never share connections.
     */
    private static final class Target {

        private final String name;
        private final HttpClient client;
        private final RequestOptions request;
        /** Every request starts on this one event loop, whichever thread scheduled it. */
        private final io.vertx.core.Context context;

        Target(String name, Vertx vertx, String baseUrl, String path, String token) {
            this.name = name;
            java.net.URI base = java.net.URI.create(baseUrl);
            this.context = vertx.getOrCreateContext();
            this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                    new PoolOptions().setHttp1MaxSize(128));
            this.request = new RequestOptions()
                    .setMethod(HttpMethod.GET)
                    .setHost(base.getHost())
                    .setPort(base.getPort())
                    .setURI(path)
                    .putHeader("Authorization", "Bearer " + token)
                    .putHeader("Accept", "application/json")
                    .setIdleTimeout(30_000);
        }

        void send(long due, Completion completion) {
            context.runOnContext(ignored -> client.request(request)
                    .compose(req -> req.send())
                    .compose(response -> response.body().map(body -> response.statusCode() == 200))
                    .onComplete(result -> completion.done(due, result.succeeded() && result.result())));
        }
    }
}

package io.attain.bench;

import io.attain.testing.TestTokens;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's Quarkus jar (prod profile) run as a process of its own, as it is deployed, against the load generator's
 * embedded PostgreSQL and Kafka (test-support's {@code Infrastructure}) and test-support's token key; and the CPU time
 * of that process and of PostgreSQL, read from {@code /proc}: on a shared 2-core machine throughput alone says little.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final long CLOCK_TICK_NANOS = 10_000_000L; // USER_HZ = 100 on Linux

    private final String name;
    private final Path app;
    private final List<String> jvmArgs;
    private final Map<String, String> environment;
    private final Path log;
    private final int port;
    private Process process;

    /**
     * @param name        the service's module name, for the log file and messages
     * @param app         its {@code quarkus-run.jar}
     * @param jvmArgs     the JVM options, space-separated (e.g. the heap of a deployment, a JFR recording)
     * @param environment what the service reads beyond the datasource, broker, port and token key
     */
    public ServiceProcess(String name, Path app, String jvmArgs, String jdbcUrl, String kafka, Map<String, String> environment)
            throws IOException {
        if (!Files.isRegularFile(app)) {
            throw new IllegalStateException(app + " missing: ./mvnw -pl " + name + " -am install -DskipTests first");
        }
        this.name = name;
        this.app = app;
        this.jvmArgs = Arrays.stream(jvmArgs.split(" ")).filter(arg -> !arg.isBlank()).toList();
        this.port = freePort();
        this.log = Path.of("bench/target/bench-" + name + ".log");
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("QUARKUS_OIDC_PUBLIC_KEY", TestTokens.publicKey());
        env.putIfAbsent("QUARKUS_LOG_LEVEL", "WARN");
        this.environment = env;
        // Also when the run is interrupted: the service must not outlive its database.
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "stop-" + name));
    }

    /** Starts the service (again, after {@link #stop}) and waits until it is ready. */
    public void start() throws Exception {
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", app.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        System.out.println("starting " + app + " " + String.join(" ", jvmArgs) + " on port " + port + " (log: " + log + ")");
        process = builder.start();
        awaitReady();
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(base() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " did not become ready; see " + log);
    }

    /** Stops the service as a deployment would (SIGTERM) and waits for it to exit. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String base() {
        return "http://localhost:" + port;
    }

    /** CPU time the service's process has used so far (all threads, GC and JIT included). */
    public long cpuNanos() {
        return cpuNanos(process.pid(), false);
    }

    /** CPU time the service's JIT compiler threads have used so far: a warm service's compilers are idle. */
    public long compilerCpuNanos() {
        long total = 0;
        try (var threads = Files.list(Path.of("/proc/" + process.pid() + "/task"))) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                try {
                    if (Files.readString(thread.resolve("comm")).matches("C[12] CompilerThre.*\\s*")) {
                        total += cpuNanos(process.pid() + "/task/" + thread.getFileName(), false);
                    }
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return total;
        }
        return total;
    }

    // ---- CPU time from /proc ----------------------------------------------------------------------------------

    /** utime + stime of a process, plus those of its reaped children when {@code withChildren}. */
    public static long cpuNanos(long pid, boolean withChildren) {
        return cpuNanos(Long.toString(pid), withChildren);
    }

    /** {@link #cpuNanos(long, boolean)} of {@code /proc/<path>/stat}, e.g. a thread's {@code pid/task/tid}. */
    private static long cpuNanos(String path, boolean withChildren) {
        try {
            String stat = Files.readString(Path.of("/proc/" + path + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is the state (field 3); utime, stime, cutime, cstime are fields 14-17
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            if (withChildren) {
                ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            }
            return ticks * CLOCK_TICK_NANOS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU time of the postmaster and its backends (a connection pool keeps them alive through a phase). */
    public static long postgresCpuNanos(long postmasterPid) {
        long total = cpuNanos(postmasterPid, true);
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                String pid = proc.getFileName().toString();
                if (!pid.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(fields[1]) == postmasterPid) {
                        total += cpuNanos(Long.parseLong(pid), false);
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return total;
        }
        return total;
    }

    /** The embedded server's postmaster: the postgres process listening on the JDBC URL's port. */
    public static long postmasterOf(String jdbcUrl) throws IOException {
        Matcher port = Pattern.compile("localhost:(\\d+)/").matcher(jdbcUrl);
        if (!port.find()) {
            return -1;
        }
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                try {
                    String cmdline = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
                    if (cmdline.contains("postgres") && cmdline.contains(" -p " + port.group(1) + " ")) {
                        return Long.parseLong(proc.getFileName().toString());
                    }
                } catch (IOException | RuntimeException e) {
                    // not ours, or gone
                }
            }
        }
        return -1;
    }

    /** The {@code p}th percentile (0-100) of the positive durations, in milliseconds; NaN when there are none. */
    public static double percentileMs(long[] nanos, double p) {
        long[] sorted = Arrays.stream(nanos).filter(n -> n > 0).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package io.attain.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The whole Attain suite on one machine: PostgreSQL, Kafka, Keycloak, the three services and the gateway.
 *
 * <pre>{@code
 * try (Suite suite = Suite.start(SuiteOptions.builder(root).build())) {
 *     suite.gatewayUrl();             // http://localhost:8080
 *     suite.restart(Service.INCENTIVE);
 * }
 * }</pre>
 *
 * Every child process is stopped by {@link #stop()}, also from a JVM shutdown hook (Ctrl-C), services first.
 */
public final class Suite implements AutoCloseable {
    private static final String DATA_MARKER = ".attain-local-data";
    private static final String LOCK_FILE = ".lock";
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final SuiteOptions options;
    private final Ports ports;
    private final Thread shutdownHook;
    private final Map<Service, ChildProcess> services = new EnumMap<>(Service.class);
    private FileChannel lockChannel;
    private FileLock lock;
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private KeycloakServer keycloak;
    private Duration startupTime;
    private boolean stopped;

    private Suite(SuiteOptions options) {
        this.options = options;
        this.ports = options.ports();
        this.shutdownHook = new Thread(this::stop, "attain-suite-shutdown");
    }

    /** Starts everything and returns once every part answers its readiness check; stops what it started on failure. */
    public static Suite start(SuiteOptions options) {
        Suite suite = new Suite(options);
        try {
            suite.startAll();
            return suite;
        } catch (RuntimeException e) {
            suite.stop();
            throw e;
        }
    }

    private void startAll() {
        Instant begin = Instant.now();
        for (Service service : options.services()) {
            if (!Files.isRegularFile(service.runnerJar(options.repositoryRoot()))) {
                throw new SuiteException(service.module() + " is not built: " + service.runnerJar(options.repositoryRoot())
                        + " is missing. Build it with ./mvnw -q install -DskipTests (or ./attain up).");
            }
        }
        ports.requireAvailable(options.services());
        prepareDataDirectory();
        Runtime.getRuntime().addShutdownHook(shutdownHook);

        say("PostgreSQL        starting on port " + ports.postgres() + " (data in " + dataPath("postgres") + ")");
        List<String> databases = new ArrayList<>();
        for (Service service : Service.values()) {
            service.database().ifPresent(databases::add);
        }
        databases.add(KeycloakServer.DATABASE);
        postgres = whileRunning(() -> PostgresServer.start(dataPath("postgres"), ports.postgres(),
                logFile("postgres"), options.infrastructureTimeout(), databases));
        say("PostgreSQL        ready in " + seconds(postgres.startupTime()));

        say("Kafka             starting on port " + ports.kafka() + ", log " + logFile("kafka"));
        kafka = whileRunning(() -> KafkaBroker.start(dataPath("kafka"), ports.kafka(), ports.kafkaController(),
                options.javaExecutable(), logFile("kafka")));
        say("Keycloak          starting on port " + ports.keycloak() + ", log " + logFile("keycloak"));
        keycloak = whileRunning(() -> KeycloakServer.start(options.keycloakHome(), options.realmFile(),
                ports.keycloak(), postgres, options.javaHome(), logFile("keycloak")));
        inParallel(List.of(
                () -> {
                    kafka.awaitReady(options.infrastructureTimeout());
                    say("Kafka             ready in " + seconds(kafka.process().startupTime()));
                },
                () -> {
                    keycloak.awaitReady(options.infrastructureTimeout());
                    say("Keycloak          ready in " + seconds(keycloak.process().startupTime()));
                }));

        for (Service service : startOrder()) {
            say(pad(service.module()) + " starting on port " + ports.of(service) + ", log " + logFile(service.module()));
            whileRunning(() -> services.put(service, launch(service)));
        }
        List<Runnable> waits = new ArrayList<>();
        for (Service service : startOrder()) {
            waits.add(() -> {
                awaitReady(service);
                say(pad(service.module()) + " ready in " + seconds(services.get(service).startupTime()));
            });
        }
        inParallel(waits);
        startupTime = Duration.between(begin, Instant.now());
    }

    /**
     * Starts something only while the suite has not been stopped, under the same lock as {@link #stop()}, so
     * a Ctrl-C during startup cannot leave behind a process started after the shutdown hook ran.
     */
    private synchronized <T> T whileRunning(java.util.function.Supplier<T> starter) {
        if (stopped) {
            throw new SuiteException("the suite was stopped while starting");
        }
        return starter.get();
    }

    private List<Service> startOrder() {
        return java.util.Arrays.stream(Service.values()).filter(options.services()::contains).toList();
    }

    private void prepareDataDirectory() {
        Path directory = options.dataDirectory();
        try {
            if (options.fresh() && Files.exists(directory) && !Files.exists(directory.resolve(DATA_MARKER))
                    && !isEmpty(directory)) {
                throw new SuiteException("refusing to wipe " + directory + ": it is not an Attain data directory (no "
                        + DATA_MARKER + " file)");
            }
            Files.createDirectories(directory);
            // lock first, so --fresh never wipes the data of a suite that is still running
            lockChannel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                lock = lockChannel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new SuiteException("another Attain suite is running with data directory " + directory);
            }
            if (options.fresh()) {
                say("Wiping            " + directory + " (--fresh)");
                try (Stream<Path> entries = Files.list(directory)) {
                    for (Path entry : entries.filter(entry -> !entry.getFileName().toString().equals(LOCK_FILE)).toList()) {
                        deleteTree(entry);
                    }
                }
            }
            Path marker = directory.resolve(DATA_MARKER);
            if (!Files.exists(marker)) {
                Files.writeString(marker, "Data of the Attain local suite; ./attain up --fresh deletes this directory.\n");
            }
        } catch (IOException e) {
            throw new SuiteException("cannot prepare data directory " + directory + ": " + e.getMessage(), e);
        }
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private ChildProcess launch(Service service) {
        List<String> command = new ArrayList<>();
        command.add(options.javaExecutable().toString());
        command.addAll(options.serviceJvmOptions());
        command.addAll(service.jvmOptions());
        command.add("-jar");
        command.add(service.runnerJar(options.repositoryRoot()).toString());
        return ChildProcess.start(service.module(), command, environment(service), options.dataDirectory(),
                logFile(service.module()));
    }

    /** The environment each service reads its infrastructure from (see the services' application.properties). */
    Map<String, String> environment(Service service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(ports.of(service)));
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.realmUrl());
        if (service == Service.GATEWAY) {
            env.put("ATTAIN_TARGETS_URL", serviceUrl(Service.TARGETS));
            env.put("ATTAIN_PIPELINE_URL", serviceUrl(Service.PIPELINE));
            env.put("ATTAIN_INCENTIVES_URL", serviceUrl(Service.INCENTIVE));
        } else {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(service.database().orElseThrow()));
            env.put("QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER);
            env.put("QUARKUS_DATASOURCE_PASSWORD", PostgresServer.PASSWORD);
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        }
        if (service == Service.PIPELINE) {
            // the key the demo CRM client signs its deliveries with (HMAC-SHA256, see pipeline-service README)
            env.put("ATTAIN_CRM_INTEGRATION_SECRET", DemoUsers.CRM_SIGNING_SECRET);
        }
        return env;
    }

    private void awaitReady(Service service) {
        services.get(service).awaitReady(() -> Http.isOk(serviceUrl(service) + "/q/health/ready"), options.serviceTimeout());
    }

    /** Stops one service and starts it again with the same configuration; returns once it is ready. */
    public void restart(Service service) {
        ChildProcess restarted = whileRunning(() -> {
            ChildProcess running = services.get(service);
            if (running == null) {
                throw new IllegalStateException(service.module() + " is not running");
            }
            say(pad(service.module()) + " restarting");
            running.stop(STOP_GRACE);
            ChildProcess started = launch(service);
            services.put(service, started);
            return started;
        });
        awaitReady(service);
        say(pad(service.module()) + " ready again in " + seconds(restarted.startupTime()));
    }

    /** Stops the services, then Keycloak and Kafka, then PostgreSQL; waits for every process to exit. Idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // the JVM is already shutting down, or the hook was never registered
            }
        }
        List<Runnable> stops = new ArrayList<>();
        services.values().forEach(child -> stops.add(() -> child.stop(STOP_GRACE)));
        inParallelQuietly(stops);
        List<Runnable> infrastructure = new ArrayList<>();
        if (keycloak != null) {
            infrastructure.add(() -> keycloak.process().stop(STOP_GRACE));
        }
        if (kafka != null) {
            infrastructure.add(() -> kafka.process().stop(STOP_GRACE));
        }
        inParallelQuietly(infrastructure);
        if (postgres != null) {
            try {
                postgres.close();
            } catch (RuntimeException e) {
                System.err.println(e.getMessage());
            }
        }
        releaseLock();
        say("Attain suite stopped.");
    }

    private void releaseLock() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            System.err.println("cannot release " + options.dataDirectory().resolve(LOCK_FILE) + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        stop();
    }

    public SuiteOptions options() {
        return options;
    }

    public Ports ports() {
        return ports;
    }

    public String gatewayUrl() {
        return serviceUrl(Service.GATEWAY);
    }

    public String serviceUrl(Service service) {
        return "http://localhost:" + ports.of(service);
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public Path logFile(String component) {
        return options.logDirectory().resolve(component + ".log");
    }

    /** From {@link #start} until everything was ready. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Startup time and current resident memory of each part, in start order. */
    public List<ComponentStatus> status() {
        List<ComponentStatus> status = new ArrayList<>();
        status.add(new ComponentStatus("postgres", postgres.startupTime(), postgres.residentSetBytes(), postgres.logFile()));
        status.add(ComponentStatus.of(kafka.process()));
        status.add(ComponentStatus.of(keycloak.process()));
        for (Service service : startOrder()) {
            status.add(ComponentStatus.of(services.get(service)));
        }
        return status;
    }

    /** Names of the started child processes that are no longer running although nobody stopped them. */
    public synchronized List<String> exitedUnexpectedly() {
        List<String> exited = new ArrayList<>();
        if (stopped) {
            return exited;
        }
        List<ChildProcess> children = new ArrayList<>();
        if (kafka != null) {
            children.add(kafka.process());
        }
        if (keycloak != null) {
            children.add(keycloak.process());
        }
        children.addAll(services.values());
        for (ChildProcess child : children) {
            if (!child.isAlive()) {
                exited.add(child.name());
            }
        }
        return exited;
    }

    /**
     * One started part of the suite: how long it took to become ready and how much memory it holds now
     * (resident set of the process tree; for PostgreSQL the proportional set, so that shared buffers
     * mapped by every backend are counted once).
     */
    public record ComponentStatus(String name, Duration startupTime, OptionalLong residentSetBytes, Path logFile) {
        static ComponentStatus of(ChildProcess child) {
            return new ComponentStatus(child.name(), child.startupTime(), child.residentSetBytes(), child.logFile());
        }
    }

    private Path dataPath(String name) {
        return options.dataDirectory().resolve(name);
    }

    private void say(String line) {
        options.progress().accept(line);
    }

    private static String pad(String name) {
        return String.format("%-17s", name);
    }

    static String seconds(Duration duration) {
        return duration == null ? "-" : String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    /** Runs the tasks concurrently; the first failure cancels the others and is rethrown. */
    private static void inParallel(List<Runnable> tasks) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            ExecutorCompletionService<Object> completion = new ExecutorCompletionService<>(executor);
            List<Future<Object>> futures = tasks.stream().map(task -> completion.submit(task, null)).toList();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    completion.take().get();
                } catch (ExecutionException e) {
                    futures.forEach(future -> future.cancel(true));
                    throw e.getCause() instanceof RuntimeException runtime
                            ? runtime : new SuiteException(e.getCause().getMessage(), e.getCause());
                } catch (InterruptedException e) {
                    futures.forEach(future -> future.cancel(true));
                    Thread.currentThread().interrupt();
                    throw new SuiteException("interrupted", e);
                }
            }
        }
    }

    private static void inParallelQuietly(List<Runnable> tasks) {
        try {
            inParallel(tasks);
        } catch (RuntimeException e) {
            System.err.println("while stopping: " + e.getMessage());
        }
    }
}

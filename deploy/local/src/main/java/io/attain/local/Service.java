package io.attain.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The four Attain applications the suite starts, each from its Quarkus fast-jar. */
public enum Service {
    TARGETS("targets-service", "targets", List.of()),
    PIPELINE("pipeline-service", "pipeline", List.of()),
    /**
     * A young generation small enough that G1's young pauses stay at 2-6 ms: a deal event's way to the statement has
     * a p99 goal of 20 ms, and G1's own sizing (aiming at 200 ms pauses) grew it until its pauses took 25-70 ms
     * (bench/README.md, session 6). Not for the others: pipeline-service's CRM throughput was lower with it.
     */
    INCENTIVE("incentive-service", "incentive", List.of("-Xmn48m")),
    GATEWAY("gateway", null, List.of());

    private final String module;
    private final String database;
    private final List<String> jvmOptions;

    Service(String module, String database, List<String> jvmOptions) {
        this.module = module;
        this.database = database;
        this.jvmOptions = jvmOptions;
    }

    /** JVM options of this service, after the suite's ({@link SuiteOptions#serviceJvmOptions()}). */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    /** Maven module directory, also the name used for the log file. */
    public String module() {
        return module;
    }

    /** The service's own PostgreSQL database; the gateway has none. */
    public Optional<String> database() {
        return Optional.ofNullable(database);
    }

    /** The packaged application inside the repository. */
    public Path runnerJar(Path repositoryRoot) {
        return repositoryRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The backend services (everything but the gateway), in start order. */
    public static Service[] backends() {
        return new Service[] {TARGETS, PIPELINE, INCENTIVE};
    }
}

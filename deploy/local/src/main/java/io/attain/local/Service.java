package io.attain.local;

import java.nio.file.Path;
import java.util.Optional;

/** The four Attain applications the suite starts, each from its Quarkus fast-jar. */
public enum Service {
    TARGETS("targets-service", "targets"),
    PIPELINE("pipeline-service", "pipeline"),
    INCENTIVE("incentive-service", "incentive"),
    GATEWAY("gateway", null);

    private final String module;
    private final String database;

    Service(String module, String database) {
        this.module = module;
        this.database = database;
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

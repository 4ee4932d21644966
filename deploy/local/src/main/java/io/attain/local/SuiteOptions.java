package io.attain.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How to start a {@link Suite}: where the repository and the data live, which ports to use, which JVM
 * runs the children, how long to wait. {@link #builder(Path)} fills in the local defaults.
 */
public final class SuiteOptions {

    /** The Keycloak distribution version the build unpacks ({@code keycloak.version} in the parent POM). */
    public static final String KEYCLOAK_VERSION = BuildProperties.get("keycloak.version");

    private final Path repositoryRoot;
    private final Path dataDirectory;
    private final boolean fresh;
    private final Ports ports;
    private final Path keycloakHome;
    private final Path realmFile;
    private final Path javaHome;
    private final List<String> serviceJvmOptions;
    private final Duration infrastructureTimeout;
    private final Duration serviceTimeout;
    private final Consumer<String> progress;
    private final Set<Service> services;

    private SuiteOptions(Builder builder) {
        this.repositoryRoot = builder.repositoryRoot.toAbsolutePath().normalize();
        this.dataDirectory = resolve(builder.dataDirectory, repositoryRoot.resolve(".attain"));
        this.fresh = builder.fresh;
        this.ports = builder.ports;
        this.keycloakHome = resolve(builder.keycloakHome,
                repositoryRoot.resolve("deploy/local/target/keycloak-" + KEYCLOAK_VERSION));
        this.realmFile = resolve(builder.realmFile, repositoryRoot.resolve("deploy/keycloak/attain-realm.json"));
        this.javaHome = resolve(builder.javaHome, Path.of(System.getProperty("java.home")));
        this.serviceJvmOptions = List.copyOf(builder.serviceJvmOptions);
        this.infrastructureTimeout = builder.infrastructureTimeout;
        this.serviceTimeout = builder.serviceTimeout;
        this.progress = builder.progress;
        this.services = builder.services.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(builder.services));
    }

    /** Defaults for a local run from the repository at {@code repositoryRoot}. */
    public static Builder builder(Path repositoryRoot) {
        return new Builder(repositoryRoot);
    }

    public Path repositoryRoot() {
        return repositoryRoot;
    }

    /** Everything the suite keeps between runs: PostgreSQL and Kafka data, logs. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Whether to wipe {@link #dataDirectory()} before starting. */
    public boolean fresh() {
        return fresh;
    }

    public Ports ports() {
        return ports;
    }

    /** An unpacked {@code keycloak-quarkus-dist}; Keycloak writes its augmented build and temp files there. */
    public Path keycloakHome() {
        return keycloakHome;
    }

    public Path realmFile() {
        return realmFile;
    }

    /** The JDK (21+) that runs Kafka, Keycloak and the services. */
    public Path javaHome() {
        return javaHome;
    }

    public Path javaExecutable() {
        return javaHome.resolve("bin/java");
    }

    public List<String> serviceJvmOptions() {
        return serviceJvmOptions;
    }

    /** Longest wait for PostgreSQL, Kafka or Keycloak to become ready (Keycloak's first start re-augments). */
    public Duration infrastructureTimeout() {
        return infrastructureTimeout;
    }

    /** Longest wait for one service to answer its readiness check. */
    public Duration serviceTimeout() {
        return serviceTimeout;
    }

    /** Where progress lines go (standard output by default). */
    public Consumer<String> progress() {
        return progress;
    }

    /**
     * The services to start (all by default). Leaving one out lets a developer run it from the IDE or
     * {@code ./mvnw quarkus:dev} on its usual port against the suite's infrastructure.
     */
    public Set<Service> services() {
        return services;
    }

    public Path logDirectory() {
        return dataDirectory.resolve("logs");
    }

    private static Path resolve(Path configured, Path fallback) {
        return (configured != null ? configured : fallback).toAbsolutePath().normalize();
    }

    public static final class Builder {
        private final Path repositoryRoot;
        private Path dataDirectory;
        private boolean fresh;
        private Ports ports = Ports.defaults();
        private Path keycloakHome;
        private Path realmFile;
        private Path javaHome;
        /**
         * A heap that starts well above the services' live set (about 30 MB), so that G1 does not run concurrent cycles
         * and their 15-57 ms remark pauses: with {@code -Xms32m} incentive-service's heap stayed at 69 MB, 45 % full,
         * and a remark every two seconds was most of its p99 from deal event to statement (bench/README.md, session 6).
         * Each service may add its own ({@link Service#jvmOptions()}).
         */
        private List<String> serviceJvmOptions = List.of("-Xms256m", "-Xmx512m", "-XX:+ExitOnOutOfMemoryError");
        private Duration infrastructureTimeout = Duration.ofMinutes(4);
        private Duration serviceTimeout = Duration.ofMinutes(3);
        private Consumer<String> progress = System.out::println;
        private Set<Service> services = EnumSet.allOf(Service.class);

        private Builder(Path repositoryRoot) {
            this.repositoryRoot = Objects.requireNonNull(repositoryRoot, "repositoryRoot");
        }

        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        public Builder fresh(boolean fresh) {
            this.fresh = fresh;
            return this;
        }

        public Builder ports(Ports ports) {
            this.ports = Objects.requireNonNull(ports, "ports");
            return this;
        }

        public Builder keycloakHome(Path keycloakHome) {
            this.keycloakHome = keycloakHome;
            return this;
        }

        public Builder realmFile(Path realmFile) {
            this.realmFile = realmFile;
            return this;
        }

        public Builder javaHome(Path javaHome) {
            this.javaHome = javaHome;
            return this;
        }

        public Builder serviceJvmOptions(List<String> serviceJvmOptions) {
            this.serviceJvmOptions = Objects.requireNonNull(serviceJvmOptions, "serviceJvmOptions");
            return this;
        }

        public Builder infrastructureTimeout(Duration timeout) {
            this.infrastructureTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder serviceTimeout(Duration timeout) {
            this.serviceTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder progress(Consumer<String> progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        public Builder services(Set<Service> services) {
            this.services = Objects.requireNonNull(services, "services");
            return this;
        }

        public SuiteOptions build() {
            return new SuiteOptions(this);
        }
    }
}

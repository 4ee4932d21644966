package io.attain.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Kafka (KRaft, broker and controller in one process) started as a child JVM from the
 * Kafka jars on the runner's own classpath. Its storage is formatted once per data directory.
 */
public final class KafkaBroker {
    private static final String LOG4J2_CONFIG = """
            status = warn
            appender.out.type = Console
            appender.out.name = out
            appender.out.layout.type = PatternLayout
            appender.out.layout.pattern = %d{ISO8601} %-5p [%c{1}] %m%n
            rootLogger.level = info
            rootLogger.appenderRef.out.ref = out
            logger.kafka.name = kafka
            logger.kafka.level = info
            logger.apache.name = org.apache.kafka
            logger.apache.level = info
            logger.config.name = org.apache.kafka.common.config.AbstractConfig
            logger.config.level = warn
            """;

    private final ChildProcess process;
    private final int port;

    private KafkaBroker(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Writes the configuration, formats the storage if this data directory has none yet, and starts the broker. */
    public static KafkaBroker start(Path kafkaDirectory, int port, int controllerPort, Path javaExecutable,
                                    Path logFile) {
        Path dataDirectory = kafkaDirectory.resolve("data");
        Path serverProperties = kafkaDirectory.resolve("server.properties");
        Path log4jConfig = kafkaDirectory.resolve("log4j2.properties");
        try {
            Files.createDirectories(dataDirectory);
            Files.writeString(serverProperties, serverProperties(port, controllerPort, dataDirectory), StandardCharsets.UTF_8);
            Files.writeString(log4jConfig, LOG4J2_CONFIG, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SuiteException("cannot write the Kafka configuration under " + kafkaDirectory + ": " + e.getMessage(), e);
        }
        String classpath = RunnerClasspath.asString();
        List<String> jvm = List.of(javaExecutable.toString(), "-Xms64m", "-Xmx512m", "-XX:+ExitOnOutOfMemoryError",
                "-Dlog4j2.configurationFile=" + log4jConfig, "-cp", classpath);

        if (!Files.exists(dataDirectory.resolve("meta.properties"))) {
            List<String> format = new ArrayList<>(jvm);
            format.addAll(List.of("kafka.tools.StorageTool", "format", "--ignore-formatted",
                    "-t", Uuid.randomUuid().toString(), "-c", serverProperties.toString()));
            ChildProcess.runToCompletion("kafka-storage-format", format, Map.of(), kafkaDirectory, logFile,
                    Duration.ofMinutes(2));
        }
        List<String> server = new ArrayList<>(jvm);
        server.addAll(List.of("kafka.Kafka", serverProperties.toString()));
        return new KafkaBroker(ChildProcess.start("kafka", server, Map.of(), kafkaDirectory, logFile), port);
    }

    static String serverProperties(int port, int controllerPort, Path dataDirectory) {
        return """
                # Written by the Attain local runner on every start.
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@localhost:%2$d
                listeners=PLAINTEXT://localhost:%1$d,CONTROLLER://localhost:%2$d
                advertised.listeners=PLAINTEXT://localhost:%1$d
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                auto.create.topics.enable=true
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=10
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                min.insync.replicas=1
                default.replication.factor=1
                group.initial.rebalance.delay.ms=0
                log.retention.hours=-1
                """.formatted(port, controllerPort, dataDirectory);
    }

    /** Waits until the broker answers a cluster description, i.e. clients can produce and consume. */
    public void awaitReady(Duration timeout) {
        process.awaitReady(this::answers, timeout);
    }

    private boolean answers() {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        try (Admin admin = Admin.create(config)) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public ChildProcess process() {
        return process;
    }
}

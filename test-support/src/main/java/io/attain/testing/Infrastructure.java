package io.attain.testing;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Real PostgreSQL 17 (zonky embedded binaries) and a real Kafka KRaft broker in this JVM, each started
 * on first use and stopped when the JVM exits. Shared by every test of one module's test run, including
 * tests under another {@code @TestProfile}: Quarkus loads this class again in a new class loader for
 * each profile, so the addresses of the running servers are kept in system properties, which the JVM
 * shares across class loaders.
 */
public final class Infrastructure {

    private static final String JDBC_URL_PROPERTY = "attain.test.jdbc-url";
    private static final String KAFKA_PROPERTY = "attain.test.kafka-bootstrap-servers";
    /** {@code true} preloads {@code pg_stat_statements}, for a benchmark to tell which statements cost the time. */
    public static final String STATEMENT_STATISTICS_PROPERTY = "attain.test.pg-stat-statements";

    private static EmbeddedPostgres postgres;
    private static EmbeddedKafkaBroker kafka;

    private Infrastructure() {
    }

    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
                if (Boolean.getBoolean(STATEMENT_STATISTICS_PROPERTY)) {
                    builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
                }
                postgres = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(Infrastructure::stopPostgres, "stop-postgres"));
        }
        return postgres;
    }

    public static synchronized EmbeddedKafkaBroker kafka() {
        if (kafka == null) {
            kafka = new EmbeddedKafkaBroker()
                    .withDeleteLogDirsOnClose(true)
                    .withAdditionalProperties(props -> {
                        props.put("num.partitions", "3");
                        props.put("group.initial.rebalance.delay.ms", "0");
                        props.put("offsets.topic.num.partitions", "1");
                    })
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(Infrastructure::stopKafka, "stop-kafka"));
        }
        return kafka;
    }

    /** {@code host:port} of the broker, without the {@code PLAINTEXT://} prefix the broker reports. */
    public static synchronized String kafkaBootstrapServers() {
        String running = System.getProperty(KAFKA_PROPERTY);
        if (running == null) {
            running = kafka().getAdvertisedListeners().replace("PLAINTEXT://", "");
            System.setProperty(KAFKA_PROPERTY, running);
        }
        return running;
    }

    public static synchronized String jdbcUrl() {
        String running = System.getProperty(JDBC_URL_PROPERTY);
        if (running == null) {
            running = postgres().getJdbcUrl("postgres", "postgres");
            System.setProperty(JDBC_URL_PROPERTY, running);
        }
        return running;
    }

    private static synchronized void stopPostgres() {
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }
}

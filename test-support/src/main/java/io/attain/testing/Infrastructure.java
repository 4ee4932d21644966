package io.attain.testing;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Real PostgreSQL 17 (zonky embedded binaries) and a real Kafka KRaft broker in this JVM, each started
 * on first use and stopped when the JVM exits. Shared by every test of one module's test run.
 */
public final class Infrastructure {

    private static EmbeddedPostgres postgres;
    private static EmbeddedKafkaBroker kafka;

    private Infrastructure() {
    }

    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
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
    public static String kafkaBootstrapServers() {
        return kafka().getAdvertisedListeners().replace("PLAINTEXT://", "");
    }

    public static String jdbcUrl() {
        return postgres().getJdbcUrl("postgres", "postgres");
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

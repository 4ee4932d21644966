package io.attain.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Wires the real PostgreSQL and Kafka of {@link Infrastructure} into the Quarkus application under
 * test, and makes it verify bearer tokens with the key of {@link TestTokens}. Declare it once per module, e.g. on a test profile or with
 * {@code @WithTestResource(InfrastructureResource.class)}; both servers outlive individual restarts of
 * the application and are shared by all its tests.
 */
public class InfrastructureResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.datasource.jdbc.url", Infrastructure.jdbcUrl(),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "kafka.bootstrap.servers", Infrastructure.kafkaBootstrapServers(),
                "quarkus.oidc.public-key", TestTokens.publicKey());
    }

    @Override
    public void stop() {
        // The servers belong to the JVM, not to one application start: the next test class reuses them.
    }
}

package io.attain.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.attain.gateway.config.ResilienceConfig;
import io.attain.gateway.proxy.Route;
import io.attain.gateway.proxy.RouteTable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

class CircuitBreakersTest {

    private static final RouteTable ROUTES = RouteTable.of(List.of(
            new Route("targets", "/api/targets", "localhost", 8081, false, "", Duration.ofSeconds(30)),
            new Route("pipeline", "/api/pipeline", "localhost", 8082, false, "", Duration.ofSeconds(30)),
            new Route("incentives", "/api/incentives", "localhost", 8083, false, "", Duration.ofSeconds(30))));

    /** Gateway-wide: window 4, opens at 50% once 4 outcomes are known, 10 s open. */
    private static final Map<String, String> GLOBAL = Map.of(
            "attain.gateway.circuit-breaker.window", "4",
            "attain.gateway.circuit-breaker.minimum-calls", "4",
            "attain.gateway.circuit-breaker.failure-ratio", "0.5",
            "attain.gateway.circuit-breaker.open-duration", "10s");

    @Test
    void shouldApplyARoutesOwnSettingsToThatRouteOnly() {
        CircuitBreakers breakers = breakers(Map.of(
                "attain.gateway.circuit-breaker.routes.pipeline.window", "2",
                "attain.gateway.circuit-breaker.routes.pipeline.minimum-calls", "2",
                "attain.gateway.circuit-breaker.routes.pipeline.open-duration", "30s"));

        fail(breakers.forRoute("pipeline"), 2);
        fail(breakers.forRoute("targets"), 2);

        assertThat(breakers.forRoute("pipeline").state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breakers.forRoute("pipeline").retryAfterSeconds()).isEqualTo(30);
        // two failures are below the gateway-wide minimum of four outcomes
        assertThat(breakers.forRoute("targets").state()).isEqualTo(CircuitBreaker.State.CLOSED);
        fail(breakers.forRoute("targets"), 2);
        assertThat(breakers.forRoute("targets").retryAfterSeconds()).isEqualTo(10);
    }

    @Test
    void shouldLeaveARouteUnguardedWhenItsBreakerIsOff() {
        CircuitBreakers breakers = breakers(Map.of("attain.gateway.circuit-breaker.routes.incentives.enabled",
                "false"));

        assertThat(breakers.forRoute("incentives")).isNull();
        assertThat(breakers.forRoute("targets")).isNotNull();
    }

    @Test
    void shouldGuardOnlyTheRoutesThatTurnTheirBreakerOnWhenItIsOffGatewayWide() {
        CircuitBreakers breakers = breakers(Map.of(
                "attain.gateway.circuit-breaker.enabled", "false",
                "attain.gateway.circuit-breaker.routes.pipeline.enabled", "true"));

        assertThat(breakers.forRoute("pipeline")).isNotNull();
        assertThat(breakers.forRoute("targets")).isNull();
        assertThat(breakers.forRoute("incentives")).isNull();
    }

    @Test
    void shouldRefuseSettingsForAnUnknownRoute() {
        assertThatThrownBy(() -> breakers(Map.of("attain.gateway.circuit-breaker.routes.billing.window", "5")))
                .hasMessageContaining("attain.gateway.circuit-breaker.routes.billing names no route");
    }

    @Test
    void shouldNameTheRouteKeyOfAnInvalidSetting() {
        assertThatThrownBy(() -> breakers(Map.of("attain.gateway.circuit-breaker.routes.pipeline.minimum-calls", "9")))
                .hasMessageContaining("attain.gateway.circuit-breaker.routes.pipeline.minimum-calls");
    }

    private static CircuitBreakers breakers(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(GLOBAL);
        all.putAll(properties);
        ResilienceConfig config = new SmallRyeConfigBuilder()
                .withMapping(ResilienceConfig.class)
                // the converters Quarkus registers for "10s" and "64K"
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(all, "test", 400))
                .build()
                .getConfigMapping(ResilienceConfig.class);
        return new CircuitBreakers(config, ROUTES, new SimpleMeterRegistry());
    }

    private static void fail(CircuitBreaker breaker, int times) {
        for (int i = 0; i < times; i++) {
            breaker.tryAcquire().failure();
        }
    }
}

package io.attain.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the gateway copes with failing upstreams: a bounded retry of idempotent requests that failed before any
 * response reached the client, and a circuit breaker per route that answers 503 at once while an upstream keeps
 * failing instead of letting every request wait for it.
 */
@ConfigMapping(prefix = "attain.gateway")
public interface ResilienceConfig {

    Retry retry();

    CircuitBreaker circuitBreaker();

    interface Retry {

        @WithDefault("true")
        boolean enabled();

        /**
         * Attempts in total, the first one included (2 = one retry).
         */
        @WithDefault("2")
        int maxAttempts();

        /**
         * Methods that may be sent again. Only idempotent methods belong here (RFC 9110 section 9.2.2).
         */
        @WithDefault("GET,HEAD,OPTIONS,PUT,DELETE")
        List<String> methods();

        /**
         * A request body is kept for a retry only up to this size; a larger body is streamed once and never
         * retried.
         */
        @WithDefault("64K")
        MemorySize maxBufferedBody();

        /**
         * Pause before the next attempt.
         */
        @WithDefault("50ms")
        Duration backoff();
    }

    interface CircuitBreaker {

        @WithDefault("true")
        boolean enabled();

        /**
         * How many of the most recent outcomes of a route are looked at.
         */
        @WithDefault("20")
        int window();

        /**
         * The circuit never opens on fewer recorded outcomes than this.
         */
        @WithDefault("10")
        int minimumCalls();

        /**
         * Share of failures in the window (0 < ratio <= 1) at which the circuit opens.
         */
        @WithDefault("0.5")
        double failureRatio();

        /**
         * How long an open circuit refuses requests before letting probes through.
         */
        @WithDefault("10s")
        Duration openDuration();

        /**
         * Probe requests let through while half-open; all must succeed to close the circuit, one failure opens it
         * again.
         */
        @WithDefault("3")
        int halfOpenProbes();

        /**
         * Per-route settings by route name ({@code attain.gateway.routes.<name>}); whatever a route leaves out is the
         * gateway-wide value above.
         */
        Map<String, RouteCircuitBreaker> routes();
    }

    /**
     * A route's own circuit breaker settings; each empty one falls back to the gateway-wide setting.
     */
    interface RouteCircuitBreaker {

        Optional<Boolean> enabled();

        OptionalInt window();

        OptionalInt minimumCalls();

        OptionalDouble failureRatio();

        Optional<Duration> openDuration();

        OptionalInt halfOpenProbes();
    }
}

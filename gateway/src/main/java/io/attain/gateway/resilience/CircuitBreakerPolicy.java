package io.attain.gateway.resilience;

import java.time.Duration;

import io.attain.gateway.config.ResilienceConfig;

/**
 * The validated settings of one route's {@link CircuitBreaker}.
 *
 * @param window         number of most recent outcomes considered
 * @param minimumCalls   outcomes needed before the circuit may open
 * @param failureRatio   share of failures in the window that opens the circuit
 * @param openDuration   how long an open circuit refuses requests
 * @param halfOpenProbes requests let through while half-open; all must succeed to close
 */
public record CircuitBreakerPolicy(int window, int minimumCalls, double failureRatio, Duration openDuration,
        int halfOpenProbes) {

    private static final String KEY = "attain.gateway.circuit-breaker";

    public CircuitBreakerPolicy {
        validate(KEY, window, minimumCalls, failureRatio, openDuration, halfOpenProbes);
    }

    /**
     * The gateway-wide settings.
     */
    public static CircuitBreakerPolicy from(ResilienceConfig.CircuitBreaker config) {
        return new CircuitBreakerPolicy(config.window(), config.minimumCalls(), config.failureRatio(),
                config.openDuration(), config.halfOpenProbes());
    }

    /**
     * A route's settings: its own where it has them, the gateway-wide ones otherwise. Errors name the route's keys.
     */
    public static CircuitBreakerPolicy forRoute(String routeName, ResilienceConfig.CircuitBreaker config,
            ResilienceConfig.RouteCircuitBreaker route) {
        int window = route.window().orElse(config.window());
        int minimumCalls = route.minimumCalls().orElse(config.minimumCalls());
        double failureRatio = route.failureRatio().orElse(config.failureRatio());
        Duration openDuration = route.openDuration().orElse(config.openDuration());
        int halfOpenProbes = route.halfOpenProbes().orElse(config.halfOpenProbes());
        validate(KEY + ".routes." + routeName, window, minimumCalls, failureRatio, openDuration, halfOpenProbes);
        return new CircuitBreakerPolicy(window, minimumCalls, failureRatio, openDuration, halfOpenProbes);
    }

    private static void validate(String key, int window, int minimumCalls, double failureRatio,
            Duration openDuration, int halfOpenProbes) {
        if (window < 1) {
            throw new IllegalArgumentException(key + ".window must be at least 1");
        }
        if (minimumCalls < 1 || minimumCalls > window) {
            throw new IllegalArgumentException(key + ".minimum-calls must be between 1 and the window (" + window
                    + "), got " + minimumCalls);
        }
        if (!(failureRatio > 0 && failureRatio <= 1)) {
            throw new IllegalArgumentException(key + ".failure-ratio must be above 0 and at most 1, got "
                    + failureRatio);
        }
        if (openDuration.isNegative() || openDuration.isZero()) {
            throw new IllegalArgumentException(key + ".open-duration must be positive");
        }
        if (halfOpenProbes < 1) {
            throw new IllegalArgumentException(key + ".half-open-probes must be at least 1");
        }
    }
}

package io.attain.gateway.resilience;

import java.time.Duration;

import io.attain.gateway.config.ResilienceConfig;

/**
 * The validated settings every route's {@link CircuitBreaker} uses.
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
        if (window < 1) {
            throw new IllegalArgumentException(KEY + ".window must be at least 1");
        }
        if (minimumCalls < 1 || minimumCalls > window) {
            throw new IllegalArgumentException(KEY + ".minimum-calls must be between 1 and the window (" + window
                    + "), got " + minimumCalls);
        }
        if (!(failureRatio > 0 && failureRatio <= 1)) {
            throw new IllegalArgumentException(KEY + ".failure-ratio must be above 0 and at most 1, got "
                    + failureRatio);
        }
        if (openDuration.isNegative() || openDuration.isZero()) {
            throw new IllegalArgumentException(KEY + ".open-duration must be positive");
        }
        if (halfOpenProbes < 1) {
            throw new IllegalArgumentException(KEY + ".half-open-probes must be at least 1");
        }
    }

    public static CircuitBreakerPolicy from(ResilienceConfig.CircuitBreaker config) {
        return new CircuitBreakerPolicy(config.window(), config.minimumCalls(), config.failureRatio(),
                config.openDuration(), config.halfOpenProbes());
    }
}

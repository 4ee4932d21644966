package io.attain.gateway.resilience;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.attain.gateway.config.ResilienceConfig;
import io.vertx.core.http.HttpMethod;

/**
 * When a failed exchange may be tried again: only for the configured (idempotent) methods, at most
 * {@code maxAttempts} attempts in all, and only while the request body is still replayable (nothing read yet, or
 * all of it kept because it fits in {@code maxBufferedBodyBytes}). Whether a failure qualifies (connection failed,
 * or 502/503/504 before any response byte reached the client) is decided by the exchange.
 *
 * @param maxAttempts          attempts in total, the first one included; 1 turns retrying off
 * @param methods              methods that may be sent again
 * @param maxBufferedBodyBytes largest request body kept for a retry
 * @param backoffMillis        pause before the next attempt
 */
public record RetryPolicy(int maxAttempts, Set<HttpMethod> methods, long maxBufferedBodyBytes, long backoffMillis) {

    private static final String KEY = "attain.gateway.retry";

    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.TRACE);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(KEY + ".max-attempts must be at least 1");
        }
        if (maxBufferedBodyBytes < 0 || backoffMillis < 0) {
            throw new IllegalArgumentException(KEY + ".max-buffered-body and .backoff must not be negative");
        }
        for (HttpMethod method : methods) {
            if (!IDEMPOTENT.contains(method)) {
                // A repeated POST or PATCH could create or change something twice.
                throw new IllegalArgumentException(KEY + ".methods may list only idempotent methods, got " + method);
            }
        }
        methods = Set.copyOf(methods);
    }

    public static RetryPolicy from(ResilienceConfig.Retry config) {
        if (!config.enabled()) {
            return new RetryPolicy(1, Set.of(), 0, 0);
        }
        Set<HttpMethod> methods = config.methods().stream()
                .map(String::trim)
                .filter(method -> !method.isEmpty())
                .map(method -> HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)))
                .collect(Collectors.toSet());
        return new RetryPolicy(config.maxAttempts(), methods, config.maxBufferedBody().asLongValue(),
                config.backoff().toMillis());
    }

    public boolean allows(HttpMethod method) {
        return maxAttempts > 1 && methods.contains(method);
    }
}

package io.attain.gateway.config;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Request rate limits the gateway enforces before a request reaches an upstream. Each caller gets a token bucket
 * per scope: one per user ({@code sub} of the bearer token), one per OAuth client ({@code azp}/{@code client_id})
 * and, for requests without a readable token, one per client IP address.
 */
@ConfigMapping(prefix = "attain.gateway.rate-limit")
public interface RateLimitConfig {

    /**
     * Whether requests are rate limited at all.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * Limit per user: all requests carrying a token with the same {@code sub}.
     */
    LimitConfig user();

    /**
     * Limit per OAuth client: all requests carrying a token issued to the same client ({@code azp}, or
     * {@code client_id} when there is no {@code azp}), whichever user they act for.
     */
    LimitConfig client();

    /**
     * Limit per client IP address for requests without a readable bearer token.
     */
    LimitConfig anonymous();

    /**
     * Upper bound on the number of buckets kept in memory. Buckets idle long enough to be full again are dropped
     * anyway; this bound only matters under a flood of distinct callers.
     */
    @WithDefault("100000")
    int maxTrackedKeys();

    /**
     * Per-route overrides by route name ({@code attain.gateway.routes.<name>}). A route with an override for a
     * scope has buckets of its own for that scope, separate from the gateway-wide ones.
     */
    Map<String, RouteRateLimitConfig> routes();

    interface LimitConfig {

        /**
         * Sustained rate: tokens added to the bucket per second (fractions allowed, e.g. 0.5).
         */
        double requestsPerSecond();

        /**
         * Bucket size: how many requests may arrive at once after a quiet period.
         */
        int burst();
    }

    interface RouteRateLimitConfig {

        /**
         * Turns rate limiting off (or on) for this route only.
         */
        Optional<Boolean> enabled();

        LimitOverride user();

        LimitOverride client();

        LimitOverride anonymous();
    }

    /**
     * A route's limit for one scope; a value left out is taken from the gateway-wide limit of that scope.
     */
    interface LimitOverride {

        OptionalDouble requestsPerSecond();

        OptionalInt burst();
    }
}

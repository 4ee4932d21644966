package io.attain.gateway.ratelimit;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.attain.gateway.config.RateLimitConfig;
import io.attain.gateway.proxy.ProxySettings;
import io.attain.gateway.proxy.Route;
import io.attain.gateway.proxy.RouteTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * Decides whether a request may go on, by user, client and (for requests without a readable token) client IP.
 * <p>
 * A request with a token takes one token from its user bucket and one from its client bucket; if either is
 * empty it is refused and the token taken from the other is given back. The check is a few map look-ups and
 * compare-and-set operations, so it runs on the event loop without blocking. Buckets live in a bounded Caffeine
 * cache and are dropped once idle long enough to be full again, which loses nothing.
 */
@Startup
@Singleton
public class RateLimiter {

    /** Scope names, as used in metrics and problem details. */
    public static final String USER = "user";
    public static final String CLIENT = "client";
    public static final String ANONYMOUS = "anonymous";

    /** Route label for requests no route serves. */
    private static final String NO_ROUTE = "-";

    private final boolean enabled;
    private final boolean trustForwardedHeaders;
    private final Policy globalPolicy;
    private final Map<String, Policy> routePolicies;
    private final Cache<String, TokenBucket> buckets;
    private final MeterRegistry registry;
    private final Map<String, Counter> rejections = new ConcurrentHashMap<>();

    public RateLimiter(RateLimitConfig config, RouteTable routes, ProxySettings settings, MeterRegistry registry) {
        this.enabled = config.enabled();
        this.trustForwardedHeaders = settings.trustForwardedHeaders();
        this.registry = registry;
        String base = "attain.gateway.rate-limit";
        Limit user = Limit.of(base + ".user", config.user().requestsPerSecond(), config.user().burst());
        Limit client = Limit.of(base + ".client", config.client().requestsPerSecond(), config.client().burst());
        Limit anonymous = Limit.of(base + ".anonymous", config.anonymous().requestsPerSecond(),
                config.anonymous().burst());
        this.globalPolicy = new Policy(true, "", user, "", client, "", anonymous);

        Map<String, Policy> policies = new HashMap<>();
        List<String> routeNames = routes.routes().stream().map(Route::name).toList();
        long longestRefill = Math.max(user.capacityNanos(), Math.max(client.capacityNanos(),
                anonymous.capacityNanos()));
        for (Map.Entry<String, RateLimitConfig.RouteRateLimitConfig> entry : config.routes().entrySet()) {
            String name = entry.getKey();
            String key = base + ".routes." + name;
            if (!routeNames.contains(name)) {
                throw new IllegalArgumentException(key + " names no route; routes are " + routeNames);
            }
            RateLimitConfig.RouteRateLimitConfig override = entry.getValue();
            Limit routeUser = override(key + ".user", override.user(), user);
            Limit routeClient = override(key + ".client", override.client(), client);
            Limit routeAnonymous = override(key + ".anonymous", override.anonymous(), anonymous);
            String scope = name + "|";
            policies.put(name, new Policy(override.enabled().orElse(true),
                    routeUser == user ? "" : scope, routeUser,
                    routeClient == client ? "" : scope, routeClient,
                    routeAnonymous == anonymous ? "" : scope, routeAnonymous));
            longestRefill = Math.max(longestRefill, Math.max(routeUser.capacityNanos(),
                    Math.max(routeClient.capacityNanos(), routeAnonymous.capacityNanos())));
        }
        this.routePolicies = Map.copyOf(policies);
        if (config.maxTrackedKeys() < 1) {
            throw new IllegalArgumentException(base + ".max-tracked-keys must be at least 1");
        }
        // An entry idle for a full refill time is a full bucket again: dropping it changes nothing.
        this.buckets = Caffeine.newBuilder()
                .maximumSize(config.maxTrackedKeys())
                .expireAfterAccess(Duration.ofNanos(longestRefill).plusSeconds(1))
                // Upkeep (access order, expiry) on the calling event loop instead of a task for the common pool,
                // whose thread wake-ups cost more than the upkeep itself.
                .executor(Runnable::run)
                .build();
    }

    /**
     * A refused request.
     *
     * @param scope             {@link #USER}, {@link #CLIENT} or {@link #ANONYMOUS}: the bucket that was empty
     * @param limit             size of that bucket
     * @param retryAfterSeconds whole seconds until a token is available again, at least 1
     */
    public record Rejection(String scope, int limit, long retryAfterSeconds) {
    }

    /**
     * Takes tokens for the request, or says why it must be refused.
     *
     * @param route the route serving the request, or {@code null} when none does
     */
    public Optional<Rejection> check(HttpServerRequest request, Route route) {
        return check(request, route, CallerKeys.fromAuthorization(request.getHeader("Authorization")));
    }

    /**
     * Takes tokens for a request whose caller is already known (a token verified at the edge, or anonymous).
     *
     * @param route  the route serving the request, or {@code null} when none does
     * @param caller the bucket keys; anonymous callers are keyed by client IP
     */
    public Optional<Rejection> check(HttpServerRequest request, Route route, CallerKeys caller) {
        if (!enabled) {
            return Optional.empty();
        }
        Policy policy = route == null ? globalPolicy : routePolicies.getOrDefault(route.name(), globalPolicy);
        if (!policy.enabled()) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        Optional<Rejection> rejection;
        if (caller.anonymous()) {
            String ip = clientIp(request);
            rejection = take(now, "a|" + policy.anonymousScope() + ip, policy.anonymous(), ANONYMOUS, null, null);
        } else if (caller.user() == null) {
            rejection = take(now, "c|" + policy.clientScope() + caller.client(), policy.client(), CLIENT, null,
                    null);
        } else {
            String userKey = "u|" + policy.userScope() + caller.user();
            if (caller.client() == null) {
                rejection = take(now, userKey, policy.user(), USER, null, null);
            } else {
                TokenBucket userBucket = bucket(userKey, now);
                long userResult = userBucket.tryAcquire(now, policy.user());
                rejection = userResult >= 0 ? Optional.of(rejection(USER, policy.user(), userResult))
                        : take(now, "c|" + policy.clientScope() + caller.client(), policy.client(), CLIENT,
                                userBucket, policy.user());
            }
        }
        rejection.ifPresent(refused -> counter(route == null ? NO_ROUTE : route.name(), refused.scope()).increment());
        return rejection;
    }

    private Optional<Rejection> take(long now, String key, Limit limit, String scope, TokenBucket taken,
            Limit takenLimit) {
        long result = bucket(key, now).tryAcquire(now, limit);
        if (result < 0) {
            return Optional.empty();
        }
        if (taken != null) {
            taken.refund(takenLimit);
        }
        return Optional.of(rejection(scope, limit, result));
    }

    private TokenBucket bucket(String key, long now) {
        return buckets.get(key, ignored -> new TokenBucket(now));
    }

    private static Rejection rejection(String scope, Limit limit, long waitNanos) {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
        return new Rejection(scope, limit.burst(), seconds);
    }

    /**
     * The TCP peer, or behind a trusted ingress the address it appended last to X-Forwarded-For (earlier entries
     * are whatever the caller sent and could be forged).
     */
    private String clientIp(HttpServerRequest request) {
        if (trustForwardedHeaders) {
            List<String> forwarded = request.headers().getAll("X-Forwarded-For");
            for (int i = forwarded.size() - 1; i >= 0; i--) {
                String value = forwarded.get(i);
                int comma = value.lastIndexOf(',');
                String last = value.substring(comma + 1).trim();
                if (!last.isEmpty()) {
                    return last;
                }
            }
        }
        SocketAddress peer = request.remoteAddress();
        return peer == null || peer.hostAddress() == null ? "unknown" : peer.hostAddress();
    }

    private Counter counter(String route, String scope) {
        return rejections.computeIfAbsent(route + "|" + scope, ignored -> Counter
                .builder("attain.gateway.rate.limited")
                .description("Requests refused with 429 because a rate limit was exceeded, by route and scope")
                .tag("route", route)
                .tag("scope", scope)
                .register(registry));
    }

    private static Limit override(String key, RateLimitConfig.LimitOverride override, Limit global) {
        OptionalDouble rate = override.requestsPerSecond();
        OptionalInt burst = override.burst();
        if (rate.isEmpty() && burst.isEmpty()) {
            return global;
        }
        return Limit.of(key, rate.orElse(global.requestsPerSecond()), burst.orElse(global.burst()));
    }

    /**
     * The limits applying to one route. A scope prefix is empty when the route shares the gateway-wide buckets
     * for that scope, or the route name when it has buckets of its own.
     */
    private record Policy(boolean enabled, String userScope, Limit user, String clientScope, Limit client,
            String anonymousScope, Limit anonymous) {
    }
}

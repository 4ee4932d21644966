package io.attain.gateway.proxy;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.attain.gateway.auth.EdgeAuthentication;
import io.attain.gateway.cors.CorsPolicy;
import io.attain.gateway.observability.ProxyMetrics;
import io.attain.gateway.observability.RequestTracking;
import io.attain.gateway.problem.Problem;
import io.attain.gateway.problem.ProblemResponses;
import io.attain.gateway.ratelimit.CallerKeys;
import io.attain.gateway.ratelimit.RateLimiter;
import io.attain.gateway.resilience.CircuitBreakers;
import io.attain.gateway.resilience.RetryPolicy;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Entry point for every request that is not a Quarkus endpoint (/q/...) or the API docs: assigns the request id,
 * answers CORS preflights, picks the route, verifies the bearer token ({@link EdgeAuthentication}), applies the
 * rate limits (keyed by the verified token) and the client-area rules, and hands over to a {@link ProxyExchange},
 * or answers 404 when no route matches.
 * <p>
 * Order matters: rate limits are taken before a 401, so a flood of bad tokens is limited per address like any
 * anonymous traffic; a caller refused with 403 has been counted against its own buckets.
 */
@ApplicationScoped
public class GatewayHandler implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger(GatewayHandler.class);

    private final RouteTable routes;
    private final ProxySettings settings;
    private final UpstreamClients upstreamClients;
    private final ProxyMetrics metrics;
    private final CorsPolicy cors;
    private final RateLimiter rateLimiter;
    private final EdgeAuthentication authentication;
    private final RetryPolicy retry;
    private final CircuitBreakers breakers;

    public GatewayHandler(RouteTable routes, ProxySettings settings, UpstreamClients upstreamClients, ProxyMetrics metrics,
            CorsPolicy cors, RateLimiter rateLimiter, EdgeAuthentication authentication, RetryPolicy retry,
            CircuitBreakers breakers) {
        this.routes = routes;
        this.settings = settings;
        this.upstreamClients = upstreamClients;
        this.metrics = metrics;
        this.cors = cors;
        this.rateLimiter = rateLimiter;
        this.authentication = authentication;
        this.retry = retry;
        this.breakers = breakers;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String path = ctx.normalizedPath();
        Optional<Route> route = routes.match(path);
        // Before anything can answer (preflight, 429), so every answer is logged and timed under its route.
        String requestId = RequestTracking.begin(ctx, path, route.map(Route::name).orElse(null),
                route.map(Route::pathTemplate).orElse(ProxyMetrics.NOT_FOUND_URI), metrics);

        try {
            if (cors.handle(ctx)) {
                return;
            }
            if (route.isEmpty() || !authentication.enabled()) {
                if (!rateLimited(ctx, route.orElse(null), path,
                        CallerKeys.fromAuthorization(request.getHeader("Authorization")))) {
                    if (route.isEmpty()) {
                        ProblemResponses.send(ctx.response(), Problem.routeNotFound(path));
                    } else {
                        proxy(ctx, route.get(), path, requestId);
                    }
                }
                return;
            }
            // Verification may complete later: keep the body in the connection until the outcome is known.
            request.pause();
            authentication.authenticate(ctx, outcome -> afterAuthentication(ctx, route.get(), path, requestId,
                    outcome));
        } catch (RuntimeException e) {
            failInside(ctx, path, requestId, e);
        }
    }

    private void afterAuthentication(RoutingContext ctx, Route route, String path, String requestId,
            EdgeAuthentication.Outcome outcome) {
        try {
            if (ctx.response().ended() || ctx.response().closed()) {
                return;
            }
            CallerKeys keys = outcome instanceof EdgeAuthentication.Verified verified
                    ? verified.caller().rateLimitKeys()
                    : CallerKeys.none();
            if (rateLimited(ctx, route, path, keys)) {
                return;
            }
            switch (outcome) {
                case EdgeAuthentication.Missing missing -> {
                    ctx.response().putHeader("WWW-Authenticate", "Bearer");
                    refuse(ctx, Problem.unauthenticated("A bearer token is required.", path));
                }
                case EdgeAuthentication.Invalid invalid -> {
                    ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                    refuse(ctx, Problem.unauthenticated(
                            "The bearer token is not valid (signature, issuer or expiry).", path));
                }
                case EdgeAuthentication.Verified verified -> {
                    Optional<String> refusal = authentication.refusal(verified.caller(), path);
                    if (refusal.isPresent()) {
                        refuse(ctx, Problem.forbidden(refusal.get(), path));
                    } else {
                        proxy(ctx, route, path, requestId);
                    }
                }
            }
        } catch (RuntimeException e) {
            failInside(ctx, path, requestId, e);
        }
    }

    /**
     * Takes the rate-limit tokens, or answers 429.
     *
     * @return whether the request was refused
     */
    private boolean rateLimited(RoutingContext ctx, Route route, String path, CallerKeys keys) {
        Optional<RateLimiter.Rejection> rejection = rateLimiter.check(ctx.request(), route, keys);
        if (rejection.isEmpty()) {
            return false;
        }
        RateLimiter.Rejection refused = rejection.get();
        String retryAfter = Long.toString(refused.retryAfterSeconds());
        ctx.response()
                .putHeader("Retry-After", retryAfter)
                .putHeader("RateLimit-Limit", Integer.toString(refused.limit()))
                .putHeader("RateLimit-Remaining", "0")
                .putHeader("RateLimit-Reset", retryAfter);
        refuse(ctx, Problem.rateLimited(refused.scope(), refused.retryAfterSeconds(), path));
        return true;
    }

    /**
     * Answers without forwarding. A body the client is still sending is not read: the connection is closed after
     * the answer instead of draining an upload nobody wants.
     */
    private static void refuse(RoutingContext ctx, Problem problem) {
        HttpServerRequest request = ctx.request();
        if (!request.isEnded() && request.version() != HttpVersion.HTTP_2) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        ProblemResponses.send(ctx.response(), problem);
        if (!request.isEnded()) {
            request.resume();
        }
    }

    private void proxy(RoutingContext ctx, Route route, String path, String requestId) {
        new ProxyExchange(ctx, route, path, requestId, settings, upstreamClients.current(), metrics, retry,
                breakers.forRoute(route.name())).start();
    }

    private static void failInside(RoutingContext ctx, String path, String requestId, RuntimeException e) {
        LOG.errorf(e, "Request %s failed inside the gateway", requestId);
        if (!ctx.response().headWritten()) {
            ProblemResponses.send(ctx.response(), Problem.internalError(path));
        } else {
            ctx.request().connection().close();
        }
    }
}

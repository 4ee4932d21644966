package io.attain.gateway.proxy;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.attain.gateway.cors.CorsPolicy;
import io.attain.gateway.observability.AccessLog;
import io.attain.gateway.observability.ProxyMetrics;
import io.attain.gateway.problem.Problem;
import io.attain.gateway.problem.ProblemResponses;
import io.attain.gateway.ratelimit.RateLimiter;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.RoutingContext;

/**
 * Entry point for every request that is not a Quarkus endpoint (/q/...): assigns the request id, answers CORS
 * preflights, picks the route, applies the rate limits and hands over to a {@link ProxyExchange}, or answers 404
 * when no route matches.
 */
@ApplicationScoped
public class GatewayHandler implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger(GatewayHandler.class);

    /** Context-local key Quarkus' Micrometer binder reads for the {@code uri} tag. */
    private static final String METRICS_PATH_TEMPLATE = "UrlPathTemplate";

    private final RouteTable routes;
    private final ProxySettings settings;
    private final HttpClient upstreamClient;
    private final ProxyMetrics metrics;
    private final CorsPolicy cors;
    private final RateLimiter rateLimiter;

    public GatewayHandler(RouteTable routes, ProxySettings settings, HttpClient upstreamClient, ProxyMetrics metrics,
            CorsPolicy cors, RateLimiter rateLimiter) {
        this.routes = routes;
        this.settings = settings;
        this.upstreamClient = upstreamClient;
        this.metrics = metrics;
        this.cors = cors;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long startNanos = System.nanoTime();
        HttpServerRequest request = ctx.request();
        String requestId = RequestIds.fromHeaderOrNew(request.getHeader(ProxyHeaders.REQUEST_ID));
        String path = ctx.normalizedPath();
        Optional<Route> route = routes.match(path);
        String routeName = route.map(Route::name).orElse(null);

        ctx.response().putHeader(ProxyHeaders.REQUEST_ID, requestId);
        // For HTTP/2 the stream's close can be reported as a failure right after a complete response, so
        // "aborted" means: the connection went away before the response was ended.
        ctx.addEndHandler(result -> AccessLog.record(request.method().name(), path,
                ctx.response().getStatusCode(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                requestId, routeName, result.failed() && !ctx.response().ended()));

        try {
            if (route.isPresent()) {
                // Set before anything can answer (preflight, 429), so the "uri" tag never carries a raw path.
                ((HttpServerRequestInternal) request).context().putLocal(METRICS_PATH_TEMPLATE,
                        route.get().pathTemplate());
            }
            if (cors.handle(ctx)) {
                return;
            }
            Optional<RateLimiter.Rejection> rejection = rateLimiter.check(request, route.orElse(null));
            if (rejection.isPresent()) {
                RateLimiter.Rejection refused = rejection.get();
                String retryAfter = Long.toString(refused.retryAfterSeconds());
                ctx.response()
                        .putHeader("Retry-After", retryAfter)
                        .putHeader("RateLimit-Limit", Integer.toString(refused.limit()))
                        .putHeader("RateLimit-Remaining", "0")
                        .putHeader("RateLimit-Reset", retryAfter);
                ProblemResponses.send(ctx.response(),
                        Problem.rateLimited(refused.scope(), refused.retryAfterSeconds(), path));
                return;
            }
            if (route.isEmpty()) {
                ProblemResponses.send(ctx.response(), Problem.routeNotFound(path));
                return;
            }
            new ProxyExchange(ctx, route.get(), path, requestId, settings, upstreamClient, metrics).start();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Request %s failed inside the gateway", requestId);
            if (!ctx.response().headWritten()) {
                ProblemResponses.send(ctx.response(), Problem.internalError(path));
            } else {
                request.connection().close();
            }
        }
    }
}

package io.attain.gateway.docs;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.attain.gateway.observability.ProxyMetrics;
import io.attain.gateway.observability.RequestTracking;
import io.attain.gateway.problem.Problem;
import io.attain.gateway.problem.ProblemResponses;
import io.attain.gateway.proxy.ProxyHeaders;
import io.attain.gateway.proxy.ProxySettings;
import io.attain.gateway.proxy.Route;
import io.attain.gateway.proxy.RouteTable;
import io.attain.gateway.proxy.UpstreamClients;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * API documentation in one place: {@code GET /api-docs/<route>/openapi.yaml} is the OpenAPI document of the
 * route's service, fetched from its {@code /q/openapi}, and the gateway's Swagger UI ({@code /q/swagger-ui},
 * configured with {@code quarkus.swagger-ui.urls.<route>}) lists them all. {@code /api-docs} redirects there.
 * <p>
 * Public like {@code /q/*}: the documents describe the API, not data, and front-end teams read them before they
 * have a token. Because the documents come from the gateway's origin and declare no servers, "Try it out" sends
 * requests through the gateway.
 */
@ApplicationScoped
public class ApiDocs {

    public static final String PATH_PREFIX = "/api-docs";

    private static final Logger LOG = Logger.getLogger(ApiDocs.class);

    private final RouteTable routes;
    private final ProxySettings settings;
    private final UpstreamClients upstreamClients;
    private final ProxyMetrics metrics;

    public ApiDocs(RouteTable routes, ProxySettings settings, UpstreamClients upstreamClients, ProxyMetrics metrics) {
        this.routes = routes;
        this.settings = settings;
        this.upstreamClients = upstreamClients;
        this.metrics = metrics;
    }

    /** {@code uri} tag of these requests in {@code http.server.requests}. */
    static final String METRICS_URI = PATH_PREFIX + "/*";

    /** Route name of these requests in access log lines. */
    static final String ACCESS_LOG_ROUTE = "api-docs";

    void install(@Observes Router router) {
        // Registered first, so they run before the handlers below: request id and access log like routed requests.
        // Plain paths rather than one pattern: every request the gateway serves is matched against them.
        router.route(PATH_PREFIX).handler(this::track);
        router.route(PATH_PREFIX + "/*").handler(this::track);
        router.get(PATH_PREFIX).handler(ctx -> ctx.redirect("/q/swagger-ui/"));
        router.get(PATH_PREFIX + "/").handler(ctx -> ctx.redirect("/q/swagger-ui/"));
        router.get(PATH_PREFIX + "/:route/openapi.yaml").handler(this::document);
    }

    private void track(RoutingContext ctx) {
        RequestTracking.begin(ctx, ctx.normalizedPath(), ACCESS_LOG_ROUTE, METRICS_URI, metrics);
        ctx.next();
    }

    private void document(RoutingContext ctx) {
        String name = ctx.pathParam("route");
        String path = ctx.normalizedPath();
        Optional<Route> route = routes.routes().stream().filter(candidate -> candidate.name().equals(name))
                .findFirst();
        if (route.isEmpty()) {
            ProblemResponses.send(ctx.response(), Problem.routeNotFound(path));
            return;
        }
        Route upstream = route.get();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(upstream.upstreamHost())
                .setPort(upstream.upstreamPort())
                .setSsl(upstream.tls())
                .setURI(upstream.basePath() + "/q/openapi")
                .setConnectTimeout(settings.connectTimeoutMillis())
                .setIdleTimeout(upstream.timeout().toMillis())
                .putHeader(HttpHeaders.ACCEPT, "application/yaml")
                .putHeader(ProxyHeaders.REQUEST_ID, ctx.<String>get(RequestTracking.REQUEST_ID));
        upstreamClients.current().request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("upstream answered " + response.statusCode());
                    }
                    return body;
                }))
                .onSuccess(body -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml;charset=UTF-8")
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                        .end(body))
                .onFailure(failure -> {
                    LOG.warnf("OpenAPI document of %s not available for request %s: %s", name,
                            ctx.<String>get(RequestTracking.REQUEST_ID), failure.getMessage());
                    ProblemResponses.send(ctx.response(), Problem.upstreamUnavailable(name, path));
                });
    }
}

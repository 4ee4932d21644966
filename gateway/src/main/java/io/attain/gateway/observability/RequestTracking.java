package io.attain.gateway.observability;

import java.util.concurrent.TimeUnit;

import io.attain.gateway.proxy.ProxyHeaders;
import io.attain.gateway.proxy.RequestIds;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * What every request the gateway answers itself or forwards gets: an X-Request-Id (the caller's when well formed,
 * else a new one) on the response, and one access log line when the response is over.
 */
public final class RequestTracking {

    /** Routing-context key under which the request id is kept for later handlers. */
    public static final String REQUEST_ID = "attain.request-id";

    private RequestTracking() {
    }

    /**
     * Starts tracking the request; a request already tracked (an /api-docs path no docs handler serves, passed on to
     * the gateway's 404) keeps its id and its one log line.
     *
     * @param path    the normalised path, as logged
     * @param route   the route name for the log line, or {@code null}
     * @param uri     the {@code uri} tag of the request timer: the route's path template, or
     *                {@link ProxyMetrics#NOT_FOUND_URI}
     * @param metrics where the request's time is recorded
     * @return the request id
     */
    public static String begin(RoutingContext ctx, String path, String route, String uri, ProxyMetrics metrics) {
        String tracked = ctx.get(REQUEST_ID);
        if (tracked != null) {
            return tracked;
        }
        long startNanos = System.nanoTime();
        HttpServerRequest request = ctx.request();
        String requestId = RequestIds.fromHeaderOrNew(request.getHeader(ProxyHeaders.REQUEST_ID));
        ctx.put(REQUEST_ID, requestId);
        ctx.response().putHeader(ProxyHeaders.REQUEST_ID, requestId);
        // For HTTP/2 the stream's close can be reported as a failure right after a complete response, so
        // "aborted" means: the connection went away before the response was ended.
        ctx.addEndHandler(result -> {
            long nanos = System.nanoTime() - startNanos;
            String method = request.method().name();
            int status = ctx.response().getStatusCode();
            metrics.request(method, uri, status, nanos);
            AccessLog.record(method, path, status, TimeUnit.NANOSECONDS.toMillis(nanos), requestId, route,
                    result.failed() && !ctx.response().ended());
        });
        return requestId;
    }
}

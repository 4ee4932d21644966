package io.attain.gateway.proxy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import io.attain.gateway.observability.ProxyMetrics;
import io.attain.gateway.problem.Problem;
import io.attain.gateway.problem.ProblemResponses;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * One request travelling through the gateway: the client's body is streamed to the upstream as it arrives and
 * the upstream's response is streamed back, both with back-pressure, so neither is held in memory.
 * <p>
 * All callbacks run on the request's Vert.x context, one at a time, so the fields need no synchronisation.
 * {@code done} marks that the exchange has its outcome (response finished, error answered or connection
 * aborted); from then on remaining client body bytes are only counted and dropped.
 */
final class ProxyExchange {

    private static final Logger LOG = Logger.getLogger(ProxyExchange.class);

    /**
     * After a 413 the rest of the upload is read and dropped for this long before the connection is closed, so
     * that clients which write their whole body before reading still get to see the 413.
     */
    private static final long LINGER_MILLIS = 5_000;

    private static final long HTTP2_CANCEL = 0x8;

    private final RoutingContext ctx;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final Route route;
    private final String path;
    private final String requestId;
    private final ProxySettings settings;
    private final HttpClient client;
    private final ProxyMetrics metrics;

    private boolean chunkedBody;
    private boolean clientBodyEnded;
    private long bodyBytes;
    private HttpClientRequest upstreamRequest;
    private HttpClientResponse upstreamResponse;
    private boolean done;
    private boolean lingering;
    private long lingerTimer = -1;
    private long silenceTimer = -1;
    private long lastUpstreamActivity;
    private boolean upstreamPausedByClient;

    ProxyExchange(RoutingContext ctx, Route route, String path, String requestId, ProxySettings settings,
            HttpClient client, ProxyMetrics metrics) {
        this.ctx = ctx;
        this.request = ctx.request();
        this.response = ctx.response();
        this.route = route;
        this.path = path;
        this.requestId = requestId;
        this.settings = settings;
        this.client = client;
        this.metrics = metrics;
    }

    void start() {
        ctx.addEndHandler(result -> {
            if (result.failed()) {
                onClientGone();
            }
        });

        boolean http2 = request.version() == HttpVersion.HTTP_2;
        boolean bodyPending = !request.isEnded();
        String contentLength = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        chunkedBody = bodyPending && (http2 ? contentLength == null
                : request.headers().contains(HttpHeaders.TRANSFER_ENCODING));

        if (bodyPending) {
            request.pause();
            request.handler(this::onClientChunk);
            request.endHandler(ignored -> onClientEnd());
            request.exceptionHandler(failure -> onClientGone());
        } else {
            clientBodyEnded = true;
        }

        if (contentLength != null && !chunkedBody) {
            long declared = parseLength(contentLength);
            if (declared < 0) {
                finish();
                ProblemResponses.send(response, Problem.invalidRequest("Content-Length is not a valid length.", path));
                return;
            }
            if (declared > settings.maxBodyBytes()) {
                rejectTooLarge();
                return;
            }
        }

        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(route.upstreamHost())
                .setPort(route.upstreamPort())
                .setSsl(route.tls())
                .setURI(route.upstreamUri(path, request.query()))
                .setConnectTimeout(settings.connectTimeoutMillis())
                .setHeaders(ProxyHeaders.forUpstream(request.headers(), origin(), requestId,
                        settings.trustForwardedHeaders(), chunkedBody));
        client.request(options).onComplete(result -> {
            if (result.succeeded()) {
                onUpstreamRequest(result.result());
            } else {
                onUpstreamFailure(result.cause());
            }
        });
    }

    private void onUpstreamRequest(HttpClientRequest upstream) {
        if (done) {
            upstream.reset();
            return;
        }
        upstreamRequest = upstream;
        if (chunkedBody) {
            upstream.setChunked(true);
        }
        upstream.exceptionHandler(this::onUpstreamFailure);
        upstream.response().onComplete(result -> {
            if (result.succeeded()) {
                onUpstreamResponse(result.result());
            } else {
                onUpstreamFailure(result.cause());
            }
        });
        if (clientBodyEnded) {
            upstream.end();
            watchUpstreamSilence();
            return;
        }
        if (request.version() != HttpVersion.HTTP_1_0
                && "100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            // Expect is not forwarded: now that the upstream is reachable, ask the client for its body.
            response.writeContinue();
        }
        upstream.sendHead();
        request.resume();
    }

    private void onClientChunk(Buffer chunk) {
        bodyBytes += chunk.length();
        if (done) {
            if (!lingering && bodyBytes > settings.maxBodyBytes()) {
                // The exchange is over and the client keeps sending: stop draining a body that is too big anyway.
                abortClient();
            }
            return;
        }
        if (bodyBytes > settings.maxBodyBytes()) {
            rejectTooLarge();
            return;
        }
        upstreamRequest.write(chunk);
        if (upstreamRequest.writeQueueFull()) {
            request.pause();
            upstreamRequest.drainHandler(ignored -> {
                if (!done) {
                    request.resume();
                }
            });
        }
    }

    private void onClientEnd() {
        clientBodyEnded = true;
        if (lingering) {
            cancelLingerTimer();
            abortClient();
            return;
        }
        if (done) {
            return;
        }
        upstreamRequest.end();
        watchUpstreamSilence();
    }

    private void onUpstreamResponse(HttpClientResponse upstream) {
        if (done) {
            upstreamRequest.reset();
            return;
        }
        upstreamResponse = upstream;
        // From here on the timeout guards silence inside the response body.
        watchUpstreamSilence();

        int status = upstream.statusCode();
        response.setStatusCode(status);
        if (upstream.statusMessage() != null && request.version() != HttpVersion.HTTP_2) {
            response.setStatusMessage(upstream.statusMessage());
        }
        response.headers().addAll(ProxyHeaders.forClient(upstream.headers()));
        boolean bodyless = request.method() == HttpMethod.HEAD || status == 204 || status == 304
                || (status >= 100 && status < 200);
        if (!bodyless) {
            if (!response.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
                response.setChunked(true);
            }
            // Send the head now: the body may take a while and the client should see the status meanwhile.
            response.writeHead();
        }
        upstream.handler(this::onUpstreamChunk);
        upstream.exceptionHandler(this::onUpstreamFailure);
        upstream.endHandler(ignored -> onUpstreamEnd());
    }

    private void onUpstreamChunk(Buffer chunk) {
        if (done) {
            return;
        }
        lastUpstreamActivity = System.nanoTime();
        response.write(chunk);
        if (response.writeQueueFull()) {
            upstreamPausedByClient = true;
            upstreamResponse.pause();
            response.drainHandler(ignored -> {
                upstreamPausedByClient = false;
                lastUpstreamActivity = System.nanoTime();
                if (!done) {
                    upstreamResponse.resume();
                }
            });
        }
    }

    private void onUpstreamEnd() {
        if (done) {
            return;
        }
        finish();
        if (!clientBodyEnded) {
            // The upstream answered without reading the whole body: that connection cannot be reused.
            upstreamRequest.reset();
        }
        response.end();
    }

    private void onUpstreamFailure(Throwable failure) {
        if (done) {
            return;
        }
        finish();
        boolean timeout = failure instanceof TimeoutException || failure instanceof ConnectTimeoutException;
        if (upstreamRequest != null) {
            upstreamRequest.reset();
        }
        if (upstreamResponse != null || response.headWritten()) {
            // Part of the response is already with the client: break the connection so the truncation shows.
            metrics.upstreamFailure(route.name(), timeout ? "timeout" : "upstream_aborted");
            LOG.warnf("Upstream %s %s while streaming the response of request %s: %s", route.name(),
                    timeout ? "went silent" : "broke off", requestId, failure.getMessage());
            abortClient();
            return;
        }
        metrics.upstreamFailure(route.name(), timeout ? "timeout" : "unreachable");
        LOG.warnf("Upstream %s %s for request %s: %s", route.name(), timeout ? "timed out" : "failed", requestId,
                failure.getMessage());
        ProblemResponses.send(response, timeout ? Problem.upstreamTimeout(route.name(), path)
                : Problem.upstreamUnavailable(route.name(), path));
    }

    private void rejectTooLarge() {
        finish();
        metrics.upstreamFailure(route.name(), "body_too_large");
        if (upstreamRequest != null) {
            upstreamRequest.reset();
        }
        if (response.headWritten()) {
            abortClient();
            return;
        }
        if (request.version() != HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        ProblemResponses.send(response, Problem.payloadTooLarge(settings.maxBodyBytes(), path));
        if (clientBodyEnded) {
            abortClient();
            return;
        }
        lingering = true;
        lingerTimer = ctx.vertx().setTimer(LINGER_MILLIS, ignored -> {
            lingerTimer = -1;
            abortClient();
        });
        request.resume();
    }

    private void onClientGone() {
        cancelLingerTimer();
        if (done) {
            return;
        }
        finish();
        metrics.upstreamFailure(route.name(), "client_aborted");
        if (upstreamRequest != null) {
            upstreamRequest.reset();
        }
    }

    /**
     * Starts (or restarts) the watch on upstream silence: the upstream must produce its response head, and then
     * each piece of body, within the route's timeout. Time the gateway itself holds the upstream back because the
     * client reads slowly does not count.
     */
    private void watchUpstreamSilence() {
        lastUpstreamActivity = System.nanoTime();
        if (silenceTimer == -1 && !done) {
            scheduleSilenceCheck(route.timeout().toMillis());
        }
    }

    private void scheduleSilenceCheck(long delayMillis) {
        silenceTimer = ctx.vertx().setTimer(Math.max(1, delayMillis), ignored -> {
            silenceTimer = -1;
            if (done) {
                return;
            }
            long timeoutMillis = route.timeout().toMillis();
            long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastUpstreamActivity);
            if (upstreamPausedByClient) {
                scheduleSilenceCheck(timeoutMillis);
            } else if (silentMillis >= timeoutMillis) {
                onUpstreamFailure(new TimeoutException("no data from upstream for " + silentMillis + " ms"));
            } else {
                scheduleSilenceCheck(timeoutMillis - silentMillis);
            }
        });
    }

    /**
     * Marks the outcome as decided; timers that could still act on the exchange are cancelled.
     */
    private void finish() {
        done = true;
        if (silenceTimer != -1) {
            ctx.vertx().cancelTimer(silenceTimer);
            silenceTimer = -1;
        }
    }

    private void abortClient() {
        if (request.version() == HttpVersion.HTTP_2) {
            response.reset(HTTP2_CANCEL);
        } else {
            request.connection().close();
        }
    }

    private void cancelLingerTimer() {
        if (lingerTimer != -1) {
            ctx.vertx().cancelTimer(lingerTimer);
            lingerTimer = -1;
        }
    }

    private ProxyHeaders.Origin origin() {
        SocketAddress peer = request.remoteAddress();
        HostAndPort authority = request.authority();
        return new ProxyHeaders.Origin(peer == null ? null : peer.hostAddress(), request.scheme(),
                authority == null ? null : authority.toString());
    }

    private static long parseLength(String value) {
        try {
            long length = Long.parseLong(value.trim());
            return length < 0 ? -1 : length;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

package io.attain.gateway.proxy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import io.attain.gateway.observability.ProxyMetrics;
import io.attain.gateway.problem.Problem;
import io.attain.gateway.problem.ProblemResponses;
import io.attain.gateway.resilience.CircuitBreaker;
import io.attain.gateway.resilience.RetryPolicy;
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
 * <p>
 * Each attempt to reach the upstream holds a permit of the route's {@link CircuitBreaker}, settled when the response
 * head arrives (502/503/504 count as failures) or the attempt fails. A failed attempt is repeated (see
 * {@link RetryPolicy}) only for idempotent methods, only when the connection failed or the upstream answered
 * 502/503/504, never after a timeout, and only while nothing has reached the client and the request body can be
 * replayed: not read at all yet, or read completely and kept because it is small. Callbacks of an abandoned
 * attempt are recognised by their attempt number and ignored.
 */
final class ProxyExchange {

    private static final Logger LOG = Logger.getLogger(ProxyExchange.class);

    /**
     * After a 413 the rest of the upload is read and dropped for this long before the connection is closed, so
     * that clients which write their whole body before reading still get to see the 413.
     */
    private static final long LINGER_MILLIS = 5_000;

    private static final long HTTP2_CANCEL = 0x8;

    /**
     * Response body held back until the head is written (see {@link #onUpstreamChunk}); beyond this it is written at
     * once.
     */
    private static final int MAX_HELD_BODY_BYTES = 64 * 1024;

    private final RoutingContext ctx;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final Route route;
    private final String path;
    private final String requestId;
    private final ProxySettings settings;
    private final HttpClient client;
    private final ProxyMetrics metrics;
    private final RetryPolicy retry;
    private final CircuitBreaker breaker;

    private boolean chunkedBody;
    private RequestOptions upstreamOptions;
    private int attempt;
    private CircuitBreaker.Permit permit;
    private boolean retryableMethod;
    /** The request body read so far, kept for a retry while it fits the retry limit; {@code null} otherwise. */
    private Buffer replayableBody;
    private boolean continueSent;
    private long retryTimer = -1;
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
    /** Response body that arrived before the head was written, to be sent with it; {@code null} when none. */
    private Buffer heldBody;

    ProxyExchange(RoutingContext ctx, Route route, String path, String requestId, ProxySettings settings,
            HttpClient client, ProxyMetrics metrics, RetryPolicy retry, CircuitBreaker breaker) {
        this.ctx = ctx;
        this.request = ctx.request();
        this.response = ctx.response();
        this.route = route;
        this.path = path;
        this.requestId = requestId;
        this.settings = settings;
        this.client = client;
        this.metrics = metrics;
        this.retry = retry;
        this.breaker = breaker;
    }

    void start() {
        ctx.addEndHandler(result -> {
            if (result.failed()) {
                onClientGone();
            }
        });

        boolean http2 = request.version() == HttpVersion.HTTP_2;
        String contentLength = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean transferEncoding = request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
        // An HTTP/1.x request has a body only when it says so (RFC 9112 section 6.3); its end may still be unread
        // (the request was paused for authentication), but there is nothing to wait for: the upstream request is
        // sent complete in one write instead of a head now and an empty end later.
        boolean bodyPending = !request.isEnded()
                && (http2 || transferEncoding || (contentLength != null && !"0".equals(contentLength.trim())));
        chunkedBody = bodyPending && (http2 ? contentLength == null : transferEncoding);

        if (bodyPending) {
            request.pause();
            request.handler(this::onClientChunk);
            request.endHandler(ignored -> onClientEnd());
            request.exceptionHandler(failure -> onClientGone());
        } else {
            clientBodyEnded = true;
            if (!request.isEnded()) {
                request.resume();
            }
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

        retryableMethod = retry.allows(request.method());
        if (retryableMethod && bodyPending && (contentLength == null || chunkedBody
                || parseLength(contentLength) <= retry.maxBufferedBodyBytes())) {
            replayableBody = Buffer.buffer();
        }
        upstreamOptions = new RequestOptions()
                .setMethod(request.method())
                .setHost(route.upstreamHost())
                .setPort(route.upstreamPort())
                .setSsl(route.tls())
                .setURI(route.upstreamUri(path, request.query()))
                .setConnectTimeout(settings.connectTimeoutMillis())
                .setHeaders(ProxyHeaders.forUpstream(request.headers(), origin(), requestId,
                        settings.trustForwardedHeaders(), chunkedBody));

        CircuitBreaker.Permit first = breaker == null ? CircuitBreaker.UNGUARDED : breaker.tryAcquire();
        if (first == null) {
            rejectOpenCircuit();
            return;
        }
        sendAttempt(first);
    }

    private void sendAttempt(CircuitBreaker.Permit attemptPermit) {
        int current = ++attempt;
        permit = attemptPermit;
        client.request(upstreamOptions).onComplete(result -> {
            if (current != attempt) {
                if (result.succeeded()) {
                    result.result().reset();
                }
                return;
            }
            if (result.succeeded()) {
                onUpstreamRequest(result.result(), current);
            } else {
                onUpstreamFailure(result.cause());
            }
        });
    }

    private void onUpstreamRequest(HttpClientRequest upstream, int current) {
        if (done) {
            upstream.reset();
            return;
        }
        upstreamRequest = upstream;
        if (chunkedBody) {
            upstream.setChunked(true);
        }
        upstream.exceptionHandler(failure -> {
            if (current == attempt) {
                onUpstreamFailure(failure);
            }
        });
        upstream.response().onComplete(result -> {
            if (current != attempt) {
                return;
            }
            if (result.succeeded()) {
                onUpstreamResponse(result.result());
            } else {
                onUpstreamFailure(result.cause());
            }
        });
        if (clientBodyEnded) {
            // A retry after the whole body was read sends the kept copy; otherwise there is no body.
            if (bodyBytes > 0) {
                upstream.end(replayableBody);
            } else {
                upstream.end();
            }
            watchUpstreamSilence();
            return;
        }
        if (!continueSent && request.version() != HttpVersion.HTTP_1_0
                && "100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            // Expect is not forwarded: now that the upstream is reachable, ask the client for its body.
            continueSent = true;
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
        if (replayableBody != null) {
            if (bodyBytes <= retry.maxBufferedBodyBytes()) {
                replayableBody.appendBuffer(chunk);
            } else {
                replayableBody = null;
            }
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
        int status = upstream.statusCode();
        boolean failed = status == 502 || status == 503 || status == 504;
        if (failed) {
            permit.failure();
            if (retryNow()) {
                return;
            }
        } else {
            permit.success();
        }
        upstreamResponse = upstream;
        // From here on the timeout guards silence inside the response body.
        watchUpstreamSilence();

        response.setStatusCode(status);
        if (upstream.statusMessage() != null && request.version() != HttpVersion.HTTP_2) {
            response.setStatusMessage(upstream.statusMessage());
        }
        ProxyHeaders.copyForClient(upstream.headers(), response.headers());
        boolean bodyless = request.method() == HttpMethod.HEAD || status == 204 || status == 304
                || (status >= 100 && status < 200);
        if (!bodyless) {
            if (!response.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
                response.setChunked(true);
            }
            // The head leaves with the body that arrives in the same event-loop turn (one write to the client for a
            // typical response instead of head, body and end apart); if the body takes longer, the head is sent
            // at the end of this turn, so the client sees the status meanwhile.
            ctx.vertx().runOnContext(ignored -> releaseHeldBody());
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
        if (!response.headWritten()) {
            heldBody = heldBody == null ? chunk : heldBody.appendBuffer(chunk);
            if (heldBody.length() < MAX_HELD_BODY_BYTES) {
                return;
            }
            chunk = heldBody;
            heldBody = null;
        }
        writeToClient(chunk);
    }

    /**
     * Writes what was held back with the head, or the head alone, unless the exchange has ended meanwhile.
     */
    private void releaseHeldBody() {
        if (done) {
            return;
        }
        if (heldBody != null) {
            Buffer held = heldBody;
            heldBody = null;
            writeToClient(held);
        } else if (!response.headWritten()) {
            response.writeHead();
        }
    }

    private void writeToClient(Buffer chunk) {
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
        if (heldBody != null) {
            Buffer held = heldBody;
            heldBody = null;
            response.end(held);
        } else {
            response.end();
        }
    }

    private void onUpstreamFailure(Throwable failure) {
        if (done) {
            return;
        }
        boolean beforeResponse = upstreamResponse == null && !response.headWritten();
        boolean silent = failure instanceof TimeoutException;
        if (beforeResponse) {
            permit.failure();
            // A connection that failed or broke before any answer may be retried; an upstream that went silent
            // may still be working on the request, and waiting for it twice would double the client's wait.
            if (!silent && retryNow()) {
                LOG.debugf("Upstream %s failed for request %s (attempt %d), retrying: %s", route.name(), requestId,
                        attempt, failure.getMessage());
                return;
            }
        }
        finish();
        boolean timeout = silent || failure instanceof ConnectTimeoutException;
        if (upstreamRequest != null) {
            upstreamRequest.reset();
        }
        if (!beforeResponse) {
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

    /**
     * Starts the next attempt after the backoff when the failed one may be repeated and the circuit still lets a
     * request through.
     *
     * @return whether a retry was scheduled
     */
    private boolean retryNow() {
        if (!retryableMethod || attempt >= retry.maxAttempts() || !bodyReplayable()) {
            return false;
        }
        CircuitBreaker.Permit next = breaker == null ? CircuitBreaker.UNGUARDED : breaker.tryAcquire();
        if (next == null) {
            return false;
        }
        cancelSilenceTimer();
        if (upstreamRequest != null) {
            upstreamRequest.reset();
            upstreamRequest = null;
        }
        if (!clientBodyEnded) {
            // Nothing of the body has been read: keep it in the client connection until the next upstream is there.
            request.pause();
        }
        metrics.retry(route.name());
        // Held from now on, so that an exchange ending during the pause gives the permit back (finish()).
        permit = next;
        retryTimer = ctx.vertx().setTimer(Math.max(1, retry.backoffMillis()), ignored -> {
            retryTimer = -1;
            if (done) {
                next.release();
            } else {
                sendAttempt(next);
            }
        });
        return true;
    }

    private boolean bodyReplayable() {
        if (bodyBytes == 0) {
            return true;
        }
        return clientBodyEnded && replayableBody != null;
    }

    private void rejectOpenCircuit() {
        finish();
        metrics.upstreamFailure(route.name(), "circuit_open");
        long retryAfter = breaker.retryAfterSeconds();
        response.putHeader("Retry-After", Long.toString(retryAfter));
        if (!clientBodyEnded && request.version() != HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        ProblemResponses.send(response, Problem.circuitOpen(route.name(), retryAfter, path));
        if (!clientBodyEnded) {
            request.resume();
        }
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
        cancelSilenceTimer();
        if (retryTimer != -1) {
            ctx.vertx().cancelTimer(retryTimer);
            retryTimer = -1;
        }
        if (permit != null) {
            // Settled already when the response head arrived; otherwise the exchange ended without an outcome.
            permit.release();
        }
    }

    private void cancelSilenceTimer() {
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

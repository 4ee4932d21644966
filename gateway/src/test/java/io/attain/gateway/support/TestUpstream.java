package io.attain.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A real HTTP upstream for the gateway tests, on its own Vert.x instance and a free port.
 * <p>
 * Behaviour by path {@code /api/<service>/<behaviour>/<argument>}:
 * <ul>
 * <li>{@code status/<code>}: answers that status with end-to-end and hop-by-hop headers</li>
 * <li>{@code bytes/<n>}: streams {@code n} bytes of {@link #patternByte(long)} with chunked framing</li>
 * <li>{@code slow?ms=<n>}: answers 200 after {@code n} ms</li>
 * <li>{@code hold/<key>}: sends a first chunk, then the rest only after {@code POST /control/release/<key>}</li>
 * <li>{@code broken}: promises 1000 bytes, sends 100 and closes the connection</li>
 * <li>{@code flaky/<n>}: answers 503 to the first {@code n} attempts carrying one X-Request-Id, then echoes</li>
 * <li>anything else: echoes what it received as JSON (method, uri, headers, body length, SHA-256, small
 * bodies verbatim) and records it under its X-Request-Id</li>
 * </ul>
 * Control endpoints (called by the tests directly, not through the gateway): {@code GET /control/requests/<id>},
 * {@code GET /control/first-chunk/<id>}, {@code POST /control/release/<key>}, {@code GET /control/attempts/<id>}
 * (how many requests with that X-Request-Id arrived, any behaviour).
 */
public final class TestUpstream {

    public static final String UPSTREAM_OWN_REQUEST_ID = "upstream-own-id";

    private static final int ECHOED_BODY_LIMIT = 64 * 1024;
    private static final int STREAM_CHUNK = 64 * 1024;

    private final Vertx vertx = Vertx.vertx();
    private final Map<String, JsonObject> completedRequests = new ConcurrentHashMap<>();
    private final Map<String, Boolean> firstChunkSeen = new ConcurrentHashMap<>();
    private final Map<String, Promise<Void>> holds = new ConcurrentHashMap<>();
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    private HttpServer server;

    /**
     * Starts the server on a free loopback port and returns the port.
     */
    public int start() {
        return start(0);
    }

    /**
     * Starts the server on the given loopback port (0 for a free one) and returns the port.
     */
    public int start(int port) {
        try {
            server = vertx.createHttpServer()
                    .requestHandler(this::handle)
                    .listen(port, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("test upstream did not start", e);
        }
        return server.actualPort();
    }

    public void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /**
     * A loopback port nothing listens on.
     */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Byte {@code i} of every streamed or uploaded test body.
     */
    public static byte patternByte(long i) {
        return (byte) ((i * 31 + 7) & 0xFF);
    }

    private void handle(HttpServerRequest request) {
        String[] segments = request.path().split("/");
        if (segments.length > 1 && segments[1].equals("control")) {
            control(request, segments);
            return;
        }
        String attemptId = request.getHeader("X-Request-Id");
        int attempt = attemptId == null ? 1 : attempts.merge(attemptId, 1, Integer::sum);
        String behaviour = segments.length > 3 ? segments[3] : "";
        String argument = segments.length > 4 ? segments[4] : "";
        switch (behaviour) {
            case "status" -> status(request, Integer.parseInt(argument));
            case "bytes" -> bytes(request, Long.parseLong(argument));
            case "slow" -> slow(request, Long.parseLong(request.getParam("ms")));
            case "hold" -> hold(request, argument);
            case "broken" -> broken(request);
            case "flaky" -> {
                if (attempt <= Integer.parseInt(argument)) {
                    request.response().setStatusCode(503).putHeader("Content-Type", "text/plain").end("try again");
                } else {
                    echo(request);
                }
            }
            default -> echo(request);
        }
    }

    private void echo(HttpServerRequest request) {
        MessageDigest digest = sha256();
        Buffer head = Buffer.buffer();
        long[] length = { 0 };
        String requestId = request.getHeader("X-Request-Id");
        request.handler(chunk -> {
            if (requestId != null && length[0] == 0) {
                firstChunkSeen.put(requestId, true);
            }
            length[0] += chunk.length();
            digest.update(chunk.getBytes());
            if (head.length() < ECHOED_BODY_LIMIT) {
                head.appendBuffer(chunk, 0, Math.min(chunk.length(), ECHOED_BODY_LIMIT - head.length()));
            }
        });
        request.endHandler(ignored -> {
            JsonObject headers = new JsonObject();
            request.headers().forEach(header -> {
                String name = header.getKey().toLowerCase();
                JsonArray values = headers.containsKey(name) ? headers.getJsonArray(name) : new JsonArray();
                headers.put(name, values.add(header.getValue()));
            });
            JsonObject echo = new JsonObject()
                    .put("method", request.method().name())
                    .put("uri", request.uri())
                    .put("headers", headers)
                    .put("bodyLength", length[0])
                    .put("bodySha256", HexFormat.of().formatHex(digest.digest()));
            if (length[0] <= ECHOED_BODY_LIMIT) {
                echo.put("body", head.toString(StandardCharsets.UTF_8));
            }
            if (requestId != null) {
                completedRequests.put(requestId, echo);
            }
            request.response().putHeader("Content-Type", "application/json").end(echo.encode());
        });
    }

    private void status(HttpServerRequest request, int status) {
        HttpServerResponse response = request.response().setStatusCode(status)
                .putHeader("X-Upstream", "yes")
                .putHeader("X-Request-Id", UPSTREAM_OWN_REQUEST_ID)
                .putHeader("Keep-Alive", "timeout=5")
                .putHeader("Connection", "X-Upstream-Hop")
                .putHeader("X-Upstream-Hop", "secret");
        response.headers().add("Set-Cookie", "a=1").add("Set-Cookie", "b=2");
        if (status == 204 || status == 304) {
            response.end();
        } else {
            response.putHeader("Content-Type", "text/plain").end("status " + status);
        }
    }

    private void bytes(HttpServerRequest request, long total) {
        HttpServerResponse response = request.response().setChunked(true)
                .putHeader("Content-Type", "application/octet-stream");
        writePattern(response, 0, total);
    }

    private void writePattern(HttpServerResponse response, long from, long total) {
        long position = from;
        while (position < total && !response.writeQueueFull()) {
            int size = (int) Math.min(STREAM_CHUNK, total - position);
            byte[] chunk = new byte[size];
            for (int i = 0; i < size; i++) {
                chunk[i] = patternByte(position + i);
            }
            response.write(Buffer.buffer(chunk));
            position += size;
        }
        if (position >= total) {
            response.end();
            return;
        }
        long next = position;
        response.drainHandler(ignored -> writePattern(response, next, total));
    }

    private void slow(HttpServerRequest request, long delayMillis) {
        vertx.setTimer(delayMillis, ignored -> {
            if (!request.response().closed()) {
                request.response().end("slow");
            }
        });
    }

    private void hold(HttpServerRequest request, String key) {
        Context context = vertx.getOrCreateContext();
        HttpServerResponse response = request.response().setChunked(true).putHeader("Content-Type", "text/plain");
        response.write("first\n");
        holds.computeIfAbsent(key, k -> Promise.promise()).future()
                .onComplete(ignored -> context.runOnContext(v -> response.end("rest\n")));
    }

    private void broken(HttpServerRequest request) {
        HttpServerResponse response = request.response().putHeader("Content-Length", "1000");
        response.write(Buffer.buffer(new byte[100]));
        vertx.setTimer(50, ignored -> request.connection().close());
    }

    private void control(HttpServerRequest request, String[] segments) {
        String action = segments.length > 2 ? segments[2] : "";
        String key = segments.length > 3 ? segments[3] : "";
        HttpServerResponse response = request.response();
        switch (action) {
            case "requests" -> {
                JsonObject recorded = completedRequests.get(key);
                if (recorded == null) {
                    response.setStatusCode(404).end();
                } else {
                    response.putHeader("Content-Type", "application/json").end(recorded.encode());
                }
            }
            case "attempts" -> response.putHeader("Content-Type", "text/plain")
                    .end(Integer.toString(attempts.getOrDefault(key, 0)));
            case "first-chunk" -> response.setStatusCode(firstChunkSeen.containsKey(key) ? 200 : 404).end();
            case "release" -> {
                holds.computeIfAbsent(key, k -> Promise.promise()).tryComplete();
                response.setStatusCode(204).end();
            }
            default -> response.setStatusCode(404).end();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

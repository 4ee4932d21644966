package io.attain.gateway.support;

import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;

/**
 * A Vert.x HTTP client aimed at the gateway, for streaming scenarios (chunked uploads, reading a response while
 * the upstream is still producing it).
 */
public final class GatewayClient implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(20);

    private static final int CHUNK = 64 * 1024;

    private final HttpClient client;
    private final URL gateway;

    public GatewayClient(Vertx vertx, URL gateway) {
        this(vertx, gateway, new HttpClientOptions());
    }

    public GatewayClient(Vertx vertx, URL gateway, HttpClientOptions options) {
        this.client = vertx.createHttpClient(options);
        this.gateway = gateway;
    }

    /**
     * A client speaking HTTP/2 over cleartext with prior knowledge (h2c), as a service mesh or curl
     * {@code --http2-prior-knowledge} would.
     */
    public static GatewayClient http2(Vertx vertx, URL gateway) {
        return new GatewayClient(vertx, gateway,
                new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
    }

    public HttpClientRequest open(HttpMethod method, String uri) {
        return await(client.request(method, gateway.getPort(), gateway.getHost(), uri));
    }

    /**
     * Writes {@code total} bytes of {@link TestUpstream#patternByte(long)} with chunked framing, then ends the
     * request. The chunks are queued at once (a test body fits in memory); the gateway still receives them as a
     * stream of HTTP chunks.
     */
    public static Future<Void> uploadPattern(HttpClientRequest request, long total) {
        request.setChunked(true);
        for (long position = 0; position < total; position += CHUNK) {
            request.write(patternChunk(position, (int) Math.min(CHUNK, total - position)));
        }
        return request.end();
    }

    /**
     * {@code size} pattern bytes starting at {@code position}.
     */
    public static Buffer patternChunk(long position, int size) {
        byte[] chunk = new byte[size];
        for (int i = 0; i < size; i++) {
            chunk[i] = TestUpstream.patternByte(position + i);
        }
        return Buffer.buffer(chunk);
    }

    /**
     * SHA-256 (hex) of the first {@code total} pattern bytes.
     */
    public static String patternSha256(long total) {
        MessageDigest digest = sha256();
        byte[] chunk = new byte[CHUNK];
        for (long position = 0; position < total; position += CHUNK) {
            int size = (int) Math.min(CHUNK, total - position);
            for (int i = 0; i < size; i++) {
                chunk[i] = TestUpstream.patternByte(position + i);
            }
            digest.update(chunk, 0, size);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /**
     * What came back for a request: status, headers and the whole body.
     */
    public record Received(int status, MultiMap headers, Buffer body) {
    }

    /**
     * Collects the response of {@code request}; the body handler is attached as soon as the head arrives, so no
     * data is missed.
     */
    public static Future<Received> receive(HttpClientRequest request) {
        return request.response()
                .compose(response -> response.body()
                        .map(body -> new Received(response.statusCode(), response.headers(), body)));
    }

    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("gateway exchange did not complete", e);
        }
    }

    @Override
    public void close() {
        await(client.close());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

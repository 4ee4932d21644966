package io.attain.gateway.proxy;

import static io.attain.gateway.support.GatewayClient.await;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.attain.gateway.support.GatewayClient;
import io.attain.gateway.support.UpstreamServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

@QuarkusTest
@WithTestResource(UpstreamServersResource.class)
class ProxyStreamingTest {

    private static final long LARGE_BODY_BYTES = 12L * 1024 * 1024;
    private static final long LARGE_RESPONSE_BYTES = 32L * 1024 * 1024;

    @TestHTTPResource("/")
    URL gateway;

    @ConfigProperty(name = UpstreamServersResource.UPSTREAM_URL_KEY)
    String upstreamUrl;

    @Inject
    Vertx vertx;

    @Test
    void shouldPassLargeRequestBodyWithContentLengthIntact() {
        byte[] body = GatewayClient.patternChunk(0, (int) LARGE_BODY_BYTES).getBytes();

        Response response = given().contentType("application/octet-stream").body(body).post("/api/targets/imports");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getLong("bodyLength")).isEqualTo(LARGE_BODY_BYTES);
        assertThat(response.jsonPath().getString("bodySha256")).isEqualTo(GatewayClient.sha256Hex(body));
    }

    @Test
    void shouldPassLargeChunkedRequestBodyIntact() {
        try (GatewayClient client = new GatewayClient(vertx, gateway)) {
            HttpClientRequest request = client.open(HttpMethod.POST, "/api/pipeline/imports");
            Future<GatewayClient.Received> received = GatewayClient.receive(request);
            GatewayClient.uploadPattern(request, LARGE_BODY_BYTES);

            GatewayClient.Received response = await(received);

            assertThat(response.status()).isEqualTo(200);
            JsonObject echo = response.body().toJsonObject();
            assertThat(echo.getLong("bodyLength")).isEqualTo(LARGE_BODY_BYTES);
            assertThat(echo.getString("bodySha256")).isEqualTo(GatewayClient.patternSha256(LARGE_BODY_BYTES));
            assertThat(echo.getJsonObject("headers").getJsonArray("transfer-encoding").getString(0))
                    .isEqualTo("chunked");
        }
    }

    @Test
    void shouldStreamLargeResponseIntact() {
        Response response = given().get("/api/targets/bytes/" + LARGE_RESPONSE_BYTES);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("Transfer-Encoding")).isEqualTo("chunked");
        byte[] body = response.asByteArray();
        assertThat(body.length).isEqualTo(LARGE_RESPONSE_BYTES);
        assertThat(GatewayClient.sha256Hex(body)).isEqualTo(GatewayClient.patternSha256(LARGE_RESPONSE_BYTES));
    }

    @Test
    void shouldDeliverResponseHeadAndFirstChunkWhileUpstreamIsStillWriting() throws Exception {
        String key = "hold-" + UUID.randomUUID();
        CompletableFuture<Integer> status = new CompletableFuture<>();
        CompletableFuture<String> firstChunk = new CompletableFuture<>();
        CompletableFuture<String> wholeBody = new CompletableFuture<>();
        StringBuilder received = new StringBuilder();

        try (GatewayClient client = new GatewayClient(vertx, gateway)) {
            HttpClientRequest request = client.open(HttpMethod.GET, "/api/targets/hold/" + key);
            request.response().onComplete(result -> {
                if (result.failed()) {
                    status.completeExceptionally(result.cause());
                    return;
                }
                status.complete(result.result().statusCode());
                result.result().handler(chunk -> {
                    received.append(chunk.toString());
                    firstChunk.complete(received.toString());
                });
                result.result().exceptionHandler(wholeBody::completeExceptionally);
                result.result().endHandler(ignored -> wholeBody.complete(received.toString()));
            });
            request.end();

            assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(200);
            assertThat(firstChunk.get(10, TimeUnit.SECONDS)).isEqualTo("first\n");
            assertThat(wholeBody).isNotDone();

            given().post(upstreamUrl + "/control/release/" + key).then().statusCode(204);

            assertThat(wholeBody.get(10, TimeUnit.SECONDS)).isEqualTo("first\nrest\n");
        }
    }

    @Test
    void shouldForwardRequestChunksBeforeTheClientHasFinished() {
        String requestId = "stream-up-" + UUID.randomUUID();
        try (GatewayClient client = new GatewayClient(vertx, gateway)) {
            HttpClientRequest request = client.open(HttpMethod.POST, "/api/targets/uploads");
            request.putHeader("X-Request-Id", requestId).setChunked(true);
            Future<GatewayClient.Received> received = GatewayClient.receive(request);

            request.write("part-one;");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given()
                    .get(upstreamUrl + "/control/first-chunk/" + requestId).then().statusCode(200));
            request.end("part-two");

            GatewayClient.Received response = await(received);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().toJsonObject().getString("body")).isEqualTo("part-one;part-two");
        }
    }

    @Test
    void shouldBreakTheClientConnectionWhenTheUpstreamBreaksOffMidBody() {
        try (GatewayClient client = new GatewayClient(vertx, gateway)) {
            HttpClientRequest request = client.open(HttpMethod.GET, "/api/targets/broken");
            Future<GatewayClient.Received> received = GatewayClient.receive(request);
            request.end();

            // A truncated body must not look complete: the exchange fails instead of ending cleanly.
            assertThatThrownBy(() -> await(received)).cause().isInstanceOf(ExecutionException.class);
        }
    }

    @Test
    void shouldAbortTheClientConnectionWhenTheUpstreamGoesSilentMidBody() throws Exception {
        // pipeline's timeout is 1 s; the upstream sends a first chunk and then nothing until released
        String key = "silent-" + UUID.randomUUID();
        CompletableFuture<String> firstChunk = new CompletableFuture<>();
        CompletableFuture<Void> outcome = new CompletableFuture<>();

        try (GatewayClient client = new GatewayClient(vertx, gateway)) {
            HttpClientRequest request = client.open(HttpMethod.GET, "/api/pipeline/hold/" + key);
            request.response().onComplete(result -> {
                if (result.failed()) {
                    outcome.completeExceptionally(result.cause());
                    return;
                }
                result.result().handler(chunk -> firstChunk.complete(chunk.toString()));
                result.result().exceptionHandler(outcome::completeExceptionally);
                result.result().endHandler(ignored -> outcome.complete(null));
            });
            request.end();

            assertThat(firstChunk.get(10, TimeUnit.SECONDS)).isEqualTo("first\n");
            assertThatThrownBy(() -> outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        } finally {
            given().post(upstreamUrl + "/control/release/" + key);
        }
    }

    @Test
    void shouldNotTimeOutWhileTheClientReadsSlowly() {
        // pipeline's timeout is 1 s; the client stops reading for longer, which holds the upstream back
        long size = LARGE_RESPONSE_BYTES;
        try (GatewayClient client = new GatewayClient(vertx, gateway)) {
            HttpClientRequest request = client.open(HttpMethod.GET, "/api/pipeline/bytes/" + size);
            Future<Buffer> body = request.response().compose(response -> {
                response.pause();
                vertx.setTimer(2_500, ignored -> response.resume());
                return response.body();
            });
            request.end();

            Buffer received = await(body);

            assertThat((long) received.length()).isEqualTo(size);
            assertThat(GatewayClient.sha256Hex(received.getBytes())).isEqualTo(GatewayClient.patternSha256(size));
        }
    }
}

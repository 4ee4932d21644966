package io.attain.gateway.proxy;

import static io.attain.gateway.support.GatewayClient.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.attain.gateway.support.GatewayClient;
import io.attain.gateway.support.ProblemAssertions;
import io.attain.gateway.support.UpstreamServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

/**
 * Clients may speak HTTP/2 to the gateway; upstreams are always called with HTTP/1.1.
 */
@QuarkusTest
@WithTestResource(UpstreamServersResource.class)
class ProxyHttp2Test {

    private static final long BODY_BYTES = 3L * 1024 * 1024;

    @TestHTTPResource("/")
    URL gateway;

    @Inject
    Vertx vertx;

    @Test
    void shouldForwardHttp2RequestsWithHeadersAndRequestId() {
        try (GatewayClient client = GatewayClient.http2(vertx, gateway)) {
            HttpClientRequest request = client.open(HttpMethod.GET, "/api/targets/targets?page=1");
            request.putHeader("Authorization", "Bearer h2-token").putHeader("X-Request-Id", "req-h2-1");
            Future<GatewayClient.Received> received = GatewayClient.receive(request);
            request.end();

            GatewayClient.Received response = await(received);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers().get("x-request-id")).isEqualTo("req-h2-1");
            JsonObject echo = response.body().toJsonObject();
            assertThat(echo.getString("uri")).isEqualTo("/api/targets/targets?page=1");
            assertThat(echo.getJsonObject("headers").getJsonArray("authorization").getString(0))
                    .isEqualTo("Bearer h2-token");
            assertThat(echo.getJsonObject("headers").fieldNames()).noneMatch(name -> name.startsWith(":"));
        }
    }

    @Test
    void shouldStreamAnHttp2BodyWithoutLengthAsChunkedUpstream() {
        try (GatewayClient client = GatewayClient.http2(vertx, gateway)) {
            HttpClientRequest request = client.open(HttpMethod.POST, "/api/pipeline/imports");
            Future<GatewayClient.Received> received = GatewayClient.receive(request);
            GatewayClient.uploadPattern(request, BODY_BYTES);

            GatewayClient.Received response = await(received);

            assertThat(response.status()).isEqualTo(200);
            JsonObject echo = response.body().toJsonObject();
            assertThat(echo.getLong("bodyLength")).isEqualTo(BODY_BYTES);
            assertThat(echo.getString("bodySha256")).isEqualTo(GatewayClient.patternSha256(BODY_BYTES));
        }
    }

    @Test
    void shouldAnswerProblemsOverHttp2() {
        try (GatewayClient client = GatewayClient.http2(vertx, gateway)) {
            HttpClientRequest request = client.open(HttpMethod.GET, "/api/incentives/members/rep-1/credits");
            Future<GatewayClient.Received> received = GatewayClient.receive(request);
            request.end();

            GatewayClient.Received response = await(received);

            ProblemAssertions.assertProblem(response.status(), response.headers().get("content-type"),
                    response.body().toString(), 502, "https://attain.io/problems/upstream-unavailable",
                    "/api/incentives/members/rep-1/credits");
        }
    }

    @Test
    void shouldRejectOversizeHttp2BodyWith413() {
        try (GatewayClient client = GatewayClient.http2(vertx, gateway)) {
            HttpClientRequest request = client.open(HttpMethod.POST, "/api/targets/imports");
            Future<GatewayClient.Received> received = GatewayClient.receive(request);
            GatewayClient.uploadPattern(request, UpstreamServersResource.MAX_BODY_BYTES + 64 * 1024);

            GatewayClient.Received response = await(received);

            ProblemAssertions.assertProblem(response.status(), response.headers().get("content-type"),
                    response.body().toString(), 413, "https://attain.io/problems/payload-too-large", "/api/targets/imports");
        }
    }
}

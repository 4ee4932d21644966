package io.attain.gateway.resilience;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.attain.gateway.support.GatewayClient;
import io.attain.gateway.support.ProblemAssertions;
import io.attain.gateway.support.UpstreamServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Bounded retry against the real test upstream (gateway defaults: 2 attempts, GET/HEAD/OPTIONS/PUT/DELETE, bodies up
 * to 64 KiB kept). {@code /flaky/<n>} answers 503 to the first n attempts of one request id.
 */
@QuarkusTest
@WithTestResource(UpstreamServersResource.class)
class RetryTest {

    private static final int KEPT_BODY_LIMIT = 64 * 1024;

    @ConfigProperty(name = UpstreamServersResource.UPSTREAM_URL_KEY)
    String upstreamUrl;

    @Test
    void shouldRetryAnIdempotentRequestThatGot503AndAnswerWithTheSecondAttempt() {
        String requestId = unique("retry-get");

        Response response = given().header("X-Request-Id", requestId).get("/api/targets/flaky/1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("method")).isEqualTo("GET");
        assertThat(attempts(requestId)).isEqualTo(2);
    }

    @Test
    void shouldPassTheLastUpstreamAnswerThroughWhenAttemptsAreExhausted() {
        String requestId = unique("retry-exhausted");

        Response response = given().header("X-Request-Id", requestId).get("/api/targets/flaky/5");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.asString()).isEqualTo("try again");
        assertThat(attempts(requestId)).isEqualTo(2);
    }

    @Test
    void shouldNeverRetryAPost() {
        String requestId = unique("retry-post");

        Response response = given().header("X-Request-Id", requestId).contentType("application/json")
                .body("{\"name\":\"deal\"}").post("/api/targets/flaky/1");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(attempts(requestId)).isEqualTo(1);
    }

    @Test
    void shouldResendTheKeptBodyOfASmallPut() {
        String requestId = unique("retry-put");
        byte[] body = GatewayClient.patternChunk(0, 10_000).getBytes();

        Response response = given().header("X-Request-Id", requestId).contentType("application/octet-stream")
                .body(body).put("/api/targets/flaky/1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getLong("bodyLength")).isEqualTo(body.length);
        assertThat(response.jsonPath().getString("bodySha256")).isEqualTo(GatewayClient.sha256Hex(body));
        assertThat(attempts(requestId)).isEqualTo(2);
    }

    @Test
    void shouldNotRetryAPutWhoseBodyIsTooLargeToKeep() {
        String requestId = unique("retry-put-large");
        byte[] body = GatewayClient.patternChunk(0, KEPT_BODY_LIMIT + 1).getBytes();

        Response response = given().header("X-Request-Id", requestId).contentType("application/octet-stream")
                .body(body).put("/api/targets/flaky/1");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(attempts(requestId)).isEqualTo(1);
    }

    @Test
    void shouldNotRetryAfterATimeout() {
        String requestId = unique("retry-timeout");

        Response response = given().header("X-Request-Id", requestId).get("/api/pipeline/slow?ms=3000");

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(attempts(requestId)).isEqualTo(1);
    }

    @Test
    void shouldRetryARefusedConnectionAndCountTheRetry() {
        Response response = given().get("/api/incentives/members/rep-1/credits");

        ProblemAssertions.assertProblem(response.statusCode(), response.contentType(), response.asString(), 502,
                "https://attain.io/problems/upstream-unavailable", "/api/incentives/members/rep-1/credits");
        assertThat(given().get("/q/metrics").asString())
                .containsPattern("attain_gateway_upstream_retries_total\\{[^}]*route=\"incentives\"[^}]*} [1-9]");
    }

    private int attempts(String requestId) {
        return Integer.parseInt(given().get(upstreamUrl + "/control/attempts/" + requestId).asString());
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}

package io.attain.gateway.proxy;

import static io.attain.gateway.support.GatewayClient.await;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.attain.gateway.support.GatewayClient;
import io.attain.gateway.support.ProblemAssertions;
import io.attain.gateway.support.RawHttp;
import io.attain.gateway.support.UpstreamServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;

@QuarkusTest
@WithTestResource(UpstreamServersResource.class)
class ProxyErrorsTest {

    private static final String UNAVAILABLE = "https://attain.io/problems/upstream-unavailable";
    private static final String TIMEOUT = "https://attain.io/problems/upstream-timeout";
    private static final String NOT_FOUND = "https://attain.io/problems/route-not-found";
    private static final String TOO_LARGE = "https://attain.io/problems/payload-too-large";
    private static final long LIMIT = UpstreamServersResource.MAX_BODY_BYTES;

    @TestHTTPResource("/")
    URL gateway;

    @ConfigProperty(name = UpstreamServersResource.UPSTREAM_URL_KEY)
    String upstreamUrl;

    @Inject
    Vertx vertx;

    @Test
    void shouldAnswerBadGatewayWhenTheUpstreamPortIsClosed() {
        Response response = given().header("X-Request-Id", "req-502").get("/api/incentives/members/rep-1/credits");

        assertProblem(response, 502, UNAVAILABLE, "/api/incentives/members/rep-1/credits");
        assertThat(response.header("X-Request-Id")).isEqualTo("req-502");
    }

    @Test
    void shouldAnswerBadGatewayForRequestsWithBodyToo() {
        Response response = given().contentType("application/json").body("{\"name\":\"deal\"}")
                .post("/api/incentives/plans");

        assertProblem(response, 502, UNAVAILABLE, "/api/incentives/plans");
    }

    @Test
    void shouldAnswerGatewayTimeoutWhenTheUpstreamIsSilentLongerThanTheRouteTimeout() {
        long started = System.nanoTime();
        Response response = given().get("/api/pipeline/slow?ms=10000");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertProblem(response, 504, TIMEOUT, "/api/pipeline/slow");
        // pipeline has its own 1 s timeout; the global one is 5 s
        assertThat(elapsed).isBetween(Duration.ofMillis(900), Duration.ofMillis(4000));
    }

    @Test
    void shouldApplyTheGlobalTimeoutToRoutesWithoutTheirOwn() {
        Response withinGlobal = given().get("/api/targets/slow?ms=1500");
        assertThat(withinGlobal.statusCode()).isEqualTo(200);
        assertThat(withinGlobal.asString()).isEqualTo("slow");

        long started = System.nanoTime();
        Response beyondGlobal = given().get("/api/targets/slow?ms=15000");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertProblem(beyondGlobal, 504, TIMEOUT, "/api/targets/slow");
        assertThat(elapsed).isBetween(Duration.ofMillis(4900), Duration.ofMillis(9000));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/unknown/things", "/api/targetsX/1", "/api", "/", "/q/nothing-here" })
    void shouldAnswerNotFoundForUnroutedPaths(String path) {
        Response response = given().header("X-Request-Id", "req-404").get(path);

        assertProblem(response, 404, NOT_FOUND, path);
        assertThat(response.header("X-Request-Id")).isEqualTo("req-404");
    }

    @Test
    void shouldAnswerNotFoundForUnroutedPathsWithBody() {
        Response response = given().contentType("application/json").body("{}").post("/admin/users");

        assertProblem(response, 404, NOT_FOUND, "/admin/users");
    }

    @Test
    void shouldForwardBodyOfExactlyTheLimit() {
        byte[] body = GatewayClient.patternChunk(0, (int) LIMIT).getBytes();

        Response response = given().contentType("application/octet-stream").body(body).post("/api/targets/imports");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getLong("bodyLength")).isEqualTo(LIMIT);
    }

    @Test
    void shouldRejectDeclaredOversizeBodyWithoutForwardingIt() {
        byte[] body = new byte[(int) LIMIT + 1];

        Response response = given().header("X-Request-Id", "req-413-declared")
                .contentType("application/octet-stream").body(body).post("/api/targets/imports");

        assertProblem(response, 413, TOO_LARGE, "/api/targets/imports");
        given().get(upstreamUrl + "/control/requests/req-413-declared").then().statusCode(404);
    }

    @Test
    void shouldRejectChunkedOversizeBodyAndAbortTheUpstreamRequest() {
        try (GatewayClient client = new GatewayClient(vertx, gateway)) {
            HttpClientRequest request = client.open(HttpMethod.POST, "/api/pipeline/imports");
            request.putHeader("X-Request-Id", "req-413-chunked");
            Future<GatewayClient.Received> received = GatewayClient.receive(request);
            GatewayClient.uploadPattern(request, LIMIT + 1024 * 1024);

            GatewayClient.Received response = await(received);

            ProblemAssertions.assertProblem(response.status(), response.headers().get("Content-Type"),
                    response.body().toString(), 413, TOO_LARGE, "/api/pipeline/imports");
        }
        given().get(upstreamUrl + "/control/requests/req-413-chunked").then().statusCode(404);
    }

    @Test
    void shouldRefuseOversizeBodyBeforeItIsSentWhenTheClientExpectsContinue() throws Exception {
        try (RawHttp http = new RawHttp(gateway)) {
            http.sendHead("POST /api/targets/imports HTTP/1.1", "Host: localhost",
                    "Content-Type: application/octet-stream", "Content-Length: " + (LIMIT * 2),
                    "Expect: 100-continue");

            RawHttp.Response response = http.readResponse();

            ProblemAssertions.assertProblem(response.status(), response.header("Content-Type"),
                    response.bodyText(), 413, TOO_LARGE, "/api/targets/imports");
            assertThat(response.header("Connection")).isEqualTo("close");
        }
    }

    @Test
    void shouldAskForTheBodyWhenTheClientExpectsContinue() throws Exception {
        byte[] body = "hello world".getBytes(StandardCharsets.UTF_8);
        try (RawHttp http = new RawHttp(gateway)) {
            http.sendHead("POST /api/targets/notes HTTP/1.1", "Host: localhost", "Content-Type: text/plain",
                    "Content-Length: " + body.length, "Expect: 100-continue");

            assertThat(http.readResponse().status()).isEqualTo(100);
            http.sendBody(body);
            RawHttp.Response response = http.readResponse();

            assertThat(response.status()).isEqualTo(200);
            JsonPath echo = new JsonPath(response.bodyText());
            assertThat(echo.getString("body")).isEqualTo("hello world");
            assertThat(echo.getMap("headers")).doesNotContainKey("expect");
        }
    }

    private static void assertProblem(Response response, int status, String type, String instance) {
        ProblemAssertions.assertProblem(response.statusCode(), response.contentType(), response.asString(), status,
                type, instance);
    }
}

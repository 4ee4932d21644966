package io.attain.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.attain.gateway.support.RawHttp;
import io.attain.gateway.support.TestUpstream;
import io.attain.gateway.support.UpstreamServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(UpstreamServersResource.class)
class ProxyForwardingTest {

    private static final String BEARER = "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXAtMSJ9.c2lnbmF0dXJl";
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @TestHTTPResource("/")
    URL gateway;

    @ConfigProperty(name = UpstreamServersResource.UPSTREAM_URL_KEY)
    String upstreamUrl;

    @Test
    void shouldForwardMethodPathQueryBodyAuthorizationAndRequestId() {
        String body = "{\"metric\":\"REVENUE\",\"value\":{\"amount\":\"3000000.00\",\"currency\":\"CNY\"}}";

        Response response = given()
                .header("Authorization", BEARER)
                .header("X-Request-Id", "req-forward-1")
                .contentType("application/json")
                .body(body)
                .post("/api/targets/targets?memberId=m-1&page=0&size=20");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("X-Request-Id")).isEqualTo("req-forward-1");
        JsonPath echo = response.jsonPath();
        assertThat(echo.getString("method")).isEqualTo("POST");
        assertThat(echo.getString("uri")).isEqualTo("/api/targets/targets?memberId=m-1&page=0&size=20");
        assertThat(echo.getString("body")).isEqualTo(body);
        assertThat(upstreamHeader(echo, "authorization")).containsExactly(BEARER);
        assertThat(upstreamHeader(echo, "x-request-id")).containsExactly("req-forward-1");
        assertThat(upstreamHeader(echo, "content-type")).singleElement().asString().startsWith("application/json");
        assertThat(upstreamHeader(echo, "content-length"))
                .containsExactly(String.valueOf(body.getBytes().length));
    }

    @ParameterizedTest
    @ValueSource(strings = { "GET", "PUT", "PATCH", "DELETE", "OPTIONS" })
    void shouldForwardEveryMethod(String method) {
        Response response = given().request(method, "/api/pipeline/deals/d-42?expand=stages");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("method")).isEqualTo(method);
        assertThat(response.jsonPath().getString("uri")).isEqualTo("/api/pipeline/deals/d-42?expand=stages");
    }

    @Test
    void shouldKeepEncodedQueryAndPathAsSent() {
        Response response = given().urlEncodingEnabled(false)
                .get("/api/targets/org-units/a%2Fb?name=%E5%A4%A7%E5%AE%A2%E6%88%B7&sort=name,asc");

        assertThat(response.jsonPath().getString("uri"))
                .isEqualTo("/api/targets/org-units/a%2Fb?name=%E5%A4%A7%E5%AE%A2%E6%88%B7&sort=name,asc");
    }

    @Test
    void shouldForwardThePrefixItself() {
        Response response = given().get("/api/targets");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("uri")).isEqualTo("/api/targets");
    }

    @Test
    void shouldGenerateRequestIdWhenCallerSendsNone() {
        Response response = given().get("/api/targets/members/m-1");

        String requestId = response.header("X-Request-Id");
        assertThat(requestId).matches(UUID_PATTERN);
        assertThat(upstreamHeader(response.jsonPath(), "x-request-id")).containsExactly(requestId);
    }

    @Test
    void shouldReplaceMalformedRequestId() {
        Response response = given().header("X-Request-Id", "not an id; with spaces").get("/api/targets/members/m-1");

        assertThat(response.header("X-Request-Id")).matches(UUID_PATTERN);
        assertThat(upstreamHeader(response.jsonPath(), "x-request-id"))
                .containsExactly(response.header("X-Request-Id"));
    }

    @Test
    void shouldDropHopByHopHeadersAndSetForwardedHeaders() throws Exception {
        RawHttp.Response response;
        try (RawHttp http = new RawHttp(gateway)) {
            http.sendHead("GET /api/targets/org-units HTTP/1.1",
                    "Host: gateway.example:8443",
                    "Connection: keep-alive, X-Hop-Only",
                    "X-Hop-Only: must-not-pass",
                    "Keep-Alive: timeout=5",
                    "Proxy-Authorization: Basic c2VjcmV0",
                    "TE: trailers",
                    "X-Forwarded-For: 203.0.113.66",
                    "X-Forwarded-Host: spoofed.example",
                    "X-Custom: passes",
                    "Authorization: " + BEARER);
            response = http.readResponse();
        }

        assertThat(response.status()).isEqualTo(200);
        JsonPath echo = new JsonPath(response.bodyText());
        assertThat(echo.getMap("headers")).doesNotContainKeys("x-hop-only", "keep-alive", "proxy-authorization", "te");
        assertThat(upstreamHeader(echo, "x-custom")).containsExactly("passes");
        assertThat(upstreamHeader(echo, "authorization")).containsExactly(BEARER);
        assertThat(upstreamHeader(echo, "x-forwarded-for")).containsExactly("127.0.0.1");
        assertThat(upstreamHeader(echo, "x-forwarded-proto")).containsExactly("http");
        assertThat(upstreamHeader(echo, "x-forwarded-host")).containsExactly("gateway.example:8443");
        assertThat(upstreamHeader(echo, "host")).containsExactly(upstreamUrl.substring("http://".length()));
    }

    @Test
    void shouldReturnUpstreamStatusAndEndToEndHeaders() {
        Response response = given().header("X-Request-Id", "req-status-1").get("/api/targets/status/418");

        assertThat(response.statusCode()).isEqualTo(418);
        assertThat(response.header("X-Upstream")).isEqualTo("yes");
        assertThat(response.headers().getValues("Set-Cookie")).containsExactly("a=1", "b=2");
        assertThat(response.header("X-Request-Id")).isEqualTo("req-status-1");
        assertThat(response.headers().getValues("X-Request-Id")).doesNotContain(TestUpstream.UPSTREAM_OWN_REQUEST_ID);
        assertThat(response.header("X-Upstream-Hop")).isNull();
        assertThat(response.header("Keep-Alive")).isNull();
        assertThat(response.contentType()).startsWith("text/plain");
        assertThat(response.asString()).isEqualTo("status 418");
    }

    @Test
    void shouldReturnUpstreamErrorStatusUnchanged() {
        Response response = given().get("/api/pipeline/status/409");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.asString()).isEqualTo("status 409");
    }

    @Test
    void shouldReturnNoContentWithoutBody() {
        Response response = given().delete("/api/targets/status/204");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.asByteArray()).isEmpty();
        assertThat(response.header("X-Upstream")).isEqualTo("yes");
    }

    @Test
    void shouldAnswerHeadWithHeadersOnly() {
        Response response = given().head("/api/targets/status/200");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("X-Upstream")).isEqualTo("yes");
        assertThat(response.asByteArray()).isEmpty();
    }

    /**
     * Values of one header as the upstream received it (names are lower-cased by the echo).
     */
    static List<String> upstreamHeader(JsonPath echo, String name) {
        return echo.getList("headers.'" + name + "'", String.class);
    }
}

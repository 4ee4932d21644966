package io.attain.gateway.ratelimit;

import static io.attain.gateway.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.attain.gateway.support.Tokens;
import io.attain.gateway.support.UpstreamServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

@QuarkusTest
@TestProfile(RateLimitTest.SmallLimits.class)
@WithTestResource(UpstreamServersResource.class)
class RateLimitTest {

    /**
     * Small buckets refilled slowly (one token every 5 s), so a test never sees a refill mid-way.
     */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("attain.gateway.rate-limit.enabled", "true"),
                    Map.entry("attain.gateway.rate-limit.user.requests-per-second", "0.2"),
                    Map.entry("attain.gateway.rate-limit.user.burst", "3"),
                    Map.entry("attain.gateway.rate-limit.client.requests-per-second", "0.2"),
                    Map.entry("attain.gateway.rate-limit.client.burst", "5"),
                    Map.entry("attain.gateway.rate-limit.anonymous.requests-per-second", "0.2"),
                    Map.entry("attain.gateway.rate-limit.anonymous.burst", "2"),
                    Map.entry("attain.gateway.rate-limit.routes.pipeline.user.burst", "1"));
        }
    }

    private static final String PROBLEM_TYPE = "https://attain.io/problems/rate-limited";
    private static final String PATH = "/api/targets/targets";

    @ConfigProperty(name = UpstreamServersResource.UPSTREAM_URL_KEY)
    String upstreamUrl;

    @Test
    void shouldRefuseTheRequestAfterTheBurstWithRetryAfterAndNeverForwardIt() {
        String token = Tokens.bearer(unique("alice"), unique("web"));
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", token).get(PATH).then().statusCode(200);
        }

        String requestId = unique("rl-refused");
        Response refused = given().header("Authorization", token).header("X-Request-Id", requestId)
                .header("Origin", "http://localhost:5173").get(PATH);

        assertProblem(refused.statusCode(), refused.contentType(), refused.asString(), 429, PROBLEM_TYPE, PATH);
        assertThat(refused.jsonPath().getString("detail")).contains("this user");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 5);
        assertThat(refused.header("RateLimit-Limit")).isEqualTo("3");
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.header("RateLimit-Reset")).isEqualTo(refused.header("Retry-After"));
        assertThat(refused.header("X-Request-Id")).isEqualTo(requestId);
        // A browser front-end can read the 429 and its Retry-After.
        assertThat(refused.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:5173");
        assertThat(refused.header("Access-Control-Expose-Headers")).contains("Retry-After");
        assertNeverForwarded(requestId);
    }

    @Test
    void shouldLimitEachUserSeparately() {
        String client = unique("web");
        String userA = Tokens.bearer(unique("user-a"), client);
        String userB = Tokens.bearer(unique("user-b"), client);
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", userA).get(PATH).then().statusCode(200);
        }
        given().header("Authorization", userA).get(PATH).then().statusCode(429);

        given().header("Authorization", userB).get(PATH).then().statusCode(200);
        given().header("Authorization", userA).get(PATH).then().statusCode(429);
    }

    @Test
    void shouldLimitAllUsersOfOneClientTogether() {
        String client = unique("crm");
        for (int i = 0; i < 5; i++) {
            given().header("Authorization", Tokens.bearer(unique("user"), client)).get(PATH).then().statusCode(200);
        }

        String requestId = unique("rl-client");
        Response refused = given().header("Authorization", Tokens.bearer(unique("user"), client))
                .header("X-Request-Id", requestId).get(PATH);

        assertProblem(refused.statusCode(), refused.contentType(), refused.asString(), 429, PROBLEM_TYPE, PATH);
        assertThat(refused.jsonPath().getString("detail")).contains("this client application");
        assertThat(refused.header("RateLimit-Limit")).isEqualTo("5");
        assertNeverForwarded(requestId);
        // Another client has a bucket of its own.
        given().header("Authorization", Tokens.bearer(unique("user"), unique("other"))).get(PATH).then()
                .statusCode(200);
    }

    @Test
    void shouldNotSpendTheUserTokenWhenTheClientRefuses() {
        String client = unique("busy");
        String user = unique("patient");
        for (int i = 0; i < 5; i++) {
            given().header("Authorization", Tokens.bearer(unique("user"), client)).get(PATH).then().statusCode(200);
        }
        for (int i = 0; i < 4; i++) {
            given().header("Authorization", Tokens.bearer(user, client)).get(PATH).then().statusCode(429);
        }

        // The user's own bucket is still full: with another client it gets its whole burst.
        String elsewhere = Tokens.bearer(user, unique("web"));
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", elsewhere).get(PATH).then().statusCode(200);
        }
    }

    @Test
    void shouldLimitRequestsWithoutAReadableTokenByClientAddress() {
        given().get(PATH).then().statusCode(200);
        given().header("Authorization", "Bearer not-a-jwt").get(PATH).then().statusCode(200);

        // Same address, so the same bucket: a made-up X-Forwarded-For does not help (no trusted ingress).
        Response refused = given().header("X-Forwarded-For", "203.0.113.9").get(PATH);

        assertProblem(refused.statusCode(), refused.contentType(), refused.asString(), 429, PROBLEM_TYPE, PATH);
        assertThat(refused.jsonPath().getString("detail")).contains("this address");
        assertThat(refused.header("RateLimit-Limit")).isEqualTo("2");
        // A caller with a token is not held back by the anonymous bucket of its address.
        given().header("Authorization", Tokens.bearer(unique("user"), unique("web"))).get(PATH).then()
                .statusCode(200);
    }

    @Test
    void shouldApplyRouteOverridesWithBucketsOfTheirOwn() {
        String token = Tokens.bearer(unique("carol"), unique("web"));

        given().header("Authorization", token).get("/api/pipeline/deals").then().statusCode(200);
        Response refused = given().header("Authorization", token).get("/api/pipeline/deals");

        assertProblem(refused.statusCode(), refused.contentType(), refused.asString(), 429, PROBLEM_TYPE,
                "/api/pipeline/deals");
        assertThat(refused.header("RateLimit-Limit")).isEqualTo("1");
        given().header("Authorization", token).get(PATH).then().statusCode(200);
    }

    @Test
    void shouldCountRefusalsByRouteAndScope() {
        String token = Tokens.bearer(unique("dave"), unique("web"));
        for (int i = 0; i < 4; i++) {
            given().header("Authorization", token).get(PATH);
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                given().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern("attain_gateway_rate_limited_total\\{route=\"targets\",scope=\"user\"\\} [1-9]")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"429\"[^}]*uri=\"/api/targets/\\*\"")
                .doesNotContain("uri=\"/api/targets/targets\""));
    }

    private void assertNeverForwarded(String requestId) {
        given().get(upstreamUrl + "/control/requests/" + requestId).then().statusCode(404);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}

package io.attain.gateway.cors;

import static io.attain.gateway.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.attain.gateway.support.UpstreamServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Runs with the default CORS configuration (local front-end origins http://localhost:5173 and :3000).
 */
@QuarkusTest
@WithTestResource(UpstreamServersResource.class)
class CorsTest {

    private static final String FRONT_END = "http://localhost:5173";
    private static final String PROBLEM_TYPE = "https://attain.io/problems/cors-rejected";
    private static final String PATH = "/api/targets/targets";

    @ConfigProperty(name = UpstreamServersResource.UPSTREAM_URL_KEY)
    String upstreamUrl;

    @Test
    void shouldAnswerAnAllowedPreflightItselfWith204() {
        Response response = given()
                .header("Origin", FRONT_END)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type, idempotency-key, if-match")
                .header("X-Request-Id", "cors-preflight-1")
                .options(PATH);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(FRONT_END);
        assertThat(response.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(List.of(response.header("Access-Control-Allow-Methods").split(", ")))
                .contains("GET", "POST", "PUT", "PATCH", "DELETE");
        assertThat(List.of(response.header("Access-Control-Allow-Headers").split(", ")))
                .containsExactly("Authorization", "Content-Type", "If-Match", "X-Request-Id", "Idempotency-Key");
        assertThat(response.header("Access-Control-Max-Age")).isEqualTo("600");
        assertThat(response.header("Vary")).contains("Origin");
        assertThat(response.header("X-Request-Id")).isEqualTo("cors-preflight-1");
        given().get(upstreamUrl + "/control/requests/cors-preflight-1").then().statusCode(404);
    }

    @Test
    void shouldAllowTheSecondLocalFrontEndOrigin() {
        given().header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "GET")
                .options(PATH).then().statusCode(204).header("Access-Control-Allow-Origin", "http://localhost:3000");
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://evil.example", "http://localhost:5174", "https://localhost:5173", "null" })
    void shouldRefuseAPreflightFromAnotherOrigin(String origin) {
        Response response = given()
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .header("X-Request-Id", "cors-denied-" + Math.abs(origin.hashCode()))
                .options(PATH);

        assertProblem(response.statusCode(), response.contentType(), response.asString(), 403, PROBLEM_TYPE, PATH);
        assertThat(response.headers().asList()).noneMatch(header -> header.getName().startsWith("Access-Control-"));
        given().get(upstreamUrl + "/control/requests/cors-denied-" + Math.abs(origin.hashCode())).then()
                .statusCode(404);
    }

    @Test
    void shouldRefuseAPreflightForAMethodOrHeaderNotAllowed() {
        Response method = given().header("Origin", FRONT_END).header("Access-Control-Request-Method", "TRACE")
                .options(PATH);
        Response header = given().header("Origin", FRONT_END).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization, X-Debug-Override").options(PATH);

        assertProblem(method.statusCode(), method.contentType(), method.asString(), 403, PROBLEM_TYPE, PATH);
        assertProblem(header.statusCode(), header.contentType(), header.asString(), 403, PROBLEM_TYPE, PATH);
        assertThat(header.jsonPath().getString("detail")).contains("x-debug-override");
        assertThat(header.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void shouldStillForwardAPlainOptionsRequest() {
        // Origin without Access-Control-Request-Method is not a preflight: it goes upstream like any request.
        Response response = given().header("Origin", FRONT_END).options(PATH);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("method")).isEqualTo("OPTIONS");
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(FRONT_END);
    }

    @Test
    void shouldEchoTheAllowedOriginOnActualRequests() {
        Response response = given().header("Origin", FRONT_END).header("Authorization", "Bearer abc")
                .contentType("application/json").body("{}").post(PATH);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("method")).isEqualTo("POST");
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(FRONT_END);
        assertThat(response.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(List.of(response.header("Access-Control-Expose-Headers").split(", ")))
                .contains("ETag", "Location", "X-Request-Id", "Retry-After");
        assertThat(response.headers().getValues("Vary")).anyMatch(value -> value.contains("Origin"));
    }

    @Test
    void shouldAddCorsHeadersToTheGatewaysOwnErrors() {
        Response notFound = given().header("Origin", FRONT_END).get("/nowhere");
        Response unavailable = given().header("Origin", FRONT_END).get("/api/incentives/members/rep-1/credits");

        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.header("Access-Control-Allow-Origin")).isEqualTo(FRONT_END);
        assertThat(unavailable.statusCode()).isEqualTo(502);
        assertThat(unavailable.header("Access-Control-Allow-Origin")).isEqualTo(FRONT_END);
    }

    @Test
    void shouldGiveNoCorsHeadersToOtherOrigins() {
        Response response = given().header("Origin", "https://evil.example").get(PATH);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().asList()).noneMatch(header -> header.getName().startsWith("Access-Control-"));
        assertThat(response.header("Vary")).contains("Origin");
    }

    @Test
    void shouldNeverAnswerWithAWildcardOrigin() {
        List<Response> responses = List.of(
                given().header("Origin", FRONT_END).header("Access-Control-Request-Method", "GET").options(PATH),
                given().header("Origin", FRONT_END).get(PATH),
                given().header("Origin", "https://evil.example").get(PATH),
                given().get(PATH));

        assertThat(responses).allSatisfy(response -> assertThat(response.header("Access-Control-Allow-Origin"))
                .isNotEqualTo("*"));
    }
}

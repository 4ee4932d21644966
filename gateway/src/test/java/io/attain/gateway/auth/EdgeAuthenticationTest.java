package io.attain.gateway.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.attain.gateway.support.ProblemAssertions;
import io.attain.gateway.support.Tokens;
import io.attain.gateway.support.UpstreamServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Edge authentication as configured for production (on, CRM area for the crm-integration client), with tokens
 * signed by test-support's test key and verified by quarkus-oidc against that key and the test issuer.
 */
@QuarkusTest
@TestProfile(EdgeAuthenticationTest.AuthOn.class)
@WithTestResource(UpstreamServersResource.class)
class EdgeAuthenticationTest {

    public static class AuthOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("attain.gateway.auth.enabled", "true");
        }
    }

    private static final String UNAUTHENTICATED = "https://attain.io/problems/unauthenticated";
    private static final String FORBIDDEN = "https://attain.io/problems/forbidden";
    private static final String DEALS = "/api/pipeline/deals";
    private static final String CRM_EVENTS = "/api/pipeline/crm/events";

    @ConfigProperty(name = UpstreamServersResource.UPSTREAM_URL_KEY)
    String upstreamUrl;

    @Test
    void shouldForwardARequestWithAValidTokenAndTheTokenUnchanged() {
        String token = Tokens.signed("rep-1", "attain-web", "rep");

        Response response = given().header("Authorization", token).get(DEALS);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getList("headers.authorization", String.class)).containsExactly(token);
    }

    @Test
    void shouldRefuseARequestWithoutTokenAndNotForwardIt() {
        String requestId = unique("no-token");

        Response response = given().header("X-Request-Id", requestId).get(DEALS);

        assertUnauthenticated(response, DEALS);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertNotForwarded(requestId);
    }

    @Test
    void shouldRefuseAForgedSignature() {
        String requestId = unique("forged");

        Response response = given().header("X-Request-Id", requestId)
                .header("Authorization", Tokens.bearer("rep-1", "attain-web")).get(DEALS);

        assertUnauthenticated(response, DEALS);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        assertNotForwarded(requestId);
    }

    @Test
    void shouldRefuseAnExpiredToken() {
        Response response = given().header("Authorization", Tokens.expired("rep-1", "attain-web", "rep"))
                .get(DEALS);

        assertUnauthenticated(response, DEALS);
    }

    @Test
    void shouldRefuseATokenFromAnotherIssuer() {
        Response response = given()
                .header("Authorization", Tokens.fromIssuer("https://evil.example/realms/attain", "rep-1",
                        "attain-web", "rep"))
                .get(DEALS);

        assertUnauthenticated(response, DEALS);
    }

    @Test
    void shouldRefuseATokenWithATamperedPayload() {
        String token = Tokens.signed("rep-1", "attain-web", "rep");
        String[] parts = token.substring(7).split("\\.");
        String admin = Tokens.bearer("rep-1", "attain-web").substring(7).split("\\.")[1];

        Response response = given().header("Authorization", "Bearer " + parts[0] + "." + admin + "." + parts[2])
                .get(DEALS);

        assertUnauthenticated(response, DEALS);
    }

    @Test
    void shouldAcceptARememberedTokenAgainButNothingDerivedFromIt() {
        String token = Tokens.signed("rep-2", "attain-web", "rep");
        given().header("Authorization", token).get(DEALS).then().statusCode(200);

        given().header("Authorization", token).get(DEALS).then().statusCode(200);
        String[] parts = token.substring(7).split("\\.");
        String otherPayload = Tokens.bearer("admin-1", "attain-web").substring(7).split("\\.")[1];
        assertUnauthenticated(given().header("Authorization", "Bearer " + parts[0] + "." + otherPayload + "."
                + parts[2]).get(DEALS), DEALS);
        assertUnauthenticated(given().header("Authorization", token + "x").get(DEALS), DEALS);
    }

    @Test
    void shouldRefuseAnotherAuthorizationScheme() {
        Response response = given().header("Authorization", "Basic YWRtaW46YWRtaW4=").get(DEALS);

        assertUnauthenticated(response, DEALS);
    }

    @Test
    void shouldRefuseRequestsWithBodyWithoutReadingThem() {
        Response response = given().contentType("application/json").body("{\"name\":\"deal\"}").post(DEALS);

        assertUnauthenticated(response, DEALS);
    }

    @Test
    void shouldKeepPublicPathsOpen() {
        given().get("/q/health/ready").then().statusCode(200);
        given().header("Authorization", Tokens.bearer("x", "y")).get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/api-docs/targets/openapi.yaml").then().statusCode(200);
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void shouldAnswerCorsPreflightsWithoutAToken() {
        given().header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "Authorization")
                .options(DEALS)
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", "http://localhost:5173");
    }

    @Test
    void shouldAdmitTheCrmClientToTheCrmRoutes() {
        Response byClient = given().header("Authorization", Tokens.signed("service-account-crm", "crm-integration"))
                .contentType("application/json").body("{}").post(CRM_EVENTS + "/batch");
        Response byRole = given()
                .header("Authorization", Tokens.signed("hubspot-bridge", "hubspot", "crm-integration"))
                .contentType("application/json").body("{}").post(CRM_EVENTS);

        assertThat(byClient.statusCode()).isEqualTo(200);
        assertThat(byRole.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseUsersOnTheCrmRoutes() {
        String requestId = unique("crm-by-admin");

        Response response = given().header("X-Request-Id", requestId)
                .header("Authorization", Tokens.signed("admin-1", "attain-web", "admin"))
                .contentType("application/json").body("{}").post(CRM_EVENTS);

        assertForbidden(response, CRM_EVENTS);
        assertNotForwarded(requestId);
    }

    @Test
    void shouldLeaveTheAdminCrmMappingsToUsers() {
        String path = "/api/pipeline/crm/user-mappings/hubspot/u-17";

        Response byAdmin = given().header("Authorization", Tokens.signed("admin-1", "attain-web", "admin"))
                .get(path);
        Response byCrmClient = given()
                .header("Authorization", Tokens.signed("service-account-crm", "crm-integration", "crm-integration"))
                .get(path);

        assertThat(byAdmin.statusCode()).isEqualTo(200);
        assertForbidden(byCrmClient, path);
    }

    @Test
    void shouldConfineTheCrmClientToTheCrmRoutes() {
        String token = Tokens.signed("service-account-crm", "crm-integration", "crm-integration");

        assertForbidden(given().header("Authorization", token).get(DEALS), DEALS);
        assertForbidden(given().header("Authorization", token).get("/api/targets/targets"), "/api/targets/targets");
    }

    private void assertNotForwarded(String requestId) {
        given().get(upstreamUrl + "/control/requests/" + requestId).then().statusCode(404);
        assertThat(given().get(upstreamUrl + "/control/attempts/" + requestId).asString()).isEqualTo("0");
    }

    private static void assertUnauthenticated(Response response, String path) {
        ProblemAssertions.assertProblem(response.statusCode(), response.contentType(), response.asString(), 401,
                UNAUTHENTICATED, path);
    }

    private static void assertForbidden(Response response, String path) {
        ProblemAssertions.assertProblem(response.statusCode(), response.contentType(), response.asString(), 403,
                FORBIDDEN, path);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}

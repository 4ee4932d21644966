package io.attain.gateway.docs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.attain.gateway.support.ProblemAssertions;
import io.attain.gateway.support.UpstreamServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(UpstreamServersResource.class)
class ApiDocsTest {

    @Test
    void shouldServeEachServicesDocumentFromItsOpenApiEndpoint() {
        Response response = given().get("/api-docs/targets/openapi.yaml");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/yaml");
        // the test upstream echoes what it received: the gateway asked the service for /q/openapi
        assertThat(response.asString()).contains("\"uri\":\"/q/openapi\"");
    }

    @Test
    void shouldListEveryServiceInTheSwaggerUi() {
        Response response = given().get("/q/swagger-ui/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.asString()).contains("/api-docs/targets/openapi.yaml",
                "/api-docs/pipeline/openapi.yaml", "/api-docs/incentives/openapi.yaml");
    }

    @Test
    void shouldRedirectTheDocsRootToTheSwaggerUi() {
        Response response = given().redirects().follow(false).get("/api-docs");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.header("Location")).isEqualTo("/q/swagger-ui/");
    }

    @Test
    void shouldAnswerBadGatewayWhenAServiceDocumentIsUnavailable() {
        Response response = given().get("/api-docs/incentives/openapi.yaml");

        ProblemAssertions.assertProblem(response.statusCode(), response.contentType(), response.asString(), 502,
                "https://attain.io/problems/upstream-unavailable", "/api-docs/incentives/openapi.yaml");
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownService() {
        Response response = given().get("/api-docs/nothing/openapi.yaml");

        ProblemAssertions.assertProblem(response.statusCode(), response.contentType(), response.asString(), 404,
                "https://attain.io/problems/route-not-found", "/api-docs/nothing/openapi.yaml");
    }
}

package io.attain.gateway.docs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.attain.gateway.support.AccessLogCapture;
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

    @Test
    void shouldGiveDocsRequestsARequestIdAndAnAccessLogLine() {
        try (AccessLogCapture capture = AccessLogCapture.start()) {
            List<String> lines = capture.lines();
            Response document = given().header("X-Request-Id", "docs-1").get("/api-docs/targets/openapi.yaml");
            Response redirect = given().redirects().follow(false).get("/api-docs");
            Response unknown = given().header("X-Request-Id", "docs-3").get("/api-docs/nothing/more");

            assertThat(document.statusCode()).isEqualTo(200);
            assertThat(document.header("X-Request-Id")).isEqualTo("docs-1");
            // the service was asked under the same id
            assertThat(document.asString()).contains("\"x-request-id\":[\"docs-1\"]");
            assertThat(redirect.header("X-Request-Id")).isNotBlank();
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.header("X-Request-Id")).isEqualTo("docs-3");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(lines).filteredOn(line -> line.contains("request_id=docs-1")).singleElement()
                        .asString().matches("method=GET path=/api-docs/targets/openapi.yaml status=200"
                                + " latency_ms=\\d+ request_id=docs-1 route=api-docs");
                assertThat(lines).anySatisfy(line -> assertThat(line).matches(
                        "method=GET path=/api-docs status=302 latency_ms=\\d+ request_id=\\S+ route=api-docs"));
                // passed on to the gateway's 404, still one line
                assertThat(lines).filteredOn(line -> line.contains("request_id=docs-3")).singleElement()
                        .asString().contains("status=404");
            });
        }
    }
}

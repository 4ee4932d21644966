package io.attain.gateway.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.attain.gateway.support.AccessLogCapture;
import io.attain.gateway.support.UpstreamServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(UpstreamServersResource.class)
class ObservabilityTest {

    @Test
    void shouldBeReadyWithTheRouteTable() {
        JsonPath health = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();

        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(health.getMap("checks.find { it.name == 'gateway-routes' }.data"))
                .containsEntry("targets", "/api/targets")
                .containsEntry("pipeline", "/api/pipeline")
                .containsEntry("incentives", "/api/incentives");
    }

    @Test
    void shouldBeLiveAndHealthyWhileAnUpstreamIsDown() {
        given().get("/api/incentives/members/rep-1/credits").then().statusCode(502);

        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health").then().statusCode(200);
    }

    @Test
    void shouldExposePrometheusMetricsPerRouteAndFailureReason() {
        given().get("/api/targets/org-units/ou-1").then().statusCode(200);
        given().get("/api/incentives/members/rep-1/credits").then().statusCode(502);
        given().get("/metrics-test/nowhere").then().statusCode(404);
        given().get("/q/health/live").then().statusCode(200);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{method=\"GET\","
                    + "outcome=\"SUCCESS\",status=\"200\",uri=\"/api/targets/\\*\"\\} [1-9]");
            assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{method=\"GET\","
                    + "outcome=\"SERVER_ERROR\",status=\"502\",uri=\"/api/incentives/\\*\"\\} [1-9]");
            assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{method=\"GET\","
                    + "outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"NOT_FOUND\"\\} [1-9]");
            assertThat(metrics).doesNotContain("uri=\"/api/targets/org-units/ou-1\"");
            assertThat(metrics).doesNotContain("/metrics-test/nowhere");
            assertThat(metrics).doesNotContain("uri=\"/q/health/live\"");
            assertThat(metrics).containsPattern(
                    "attain_gateway_upstream_failures_total\\{reason=\"unreachable\",route=\"incentives\"\\} [1-9]");
        });
    }

    @Test
    void shouldWriteOneAccessLogLinePerRequest() {
        try (AccessLogCapture capture = AccessLogCapture.start()) {
            List<String> lines = capture.lines();
            given().header("X-Request-Id", "access-log-1").get("/api/targets/org-units?page=0").then()
                    .statusCode(200);
            given().header("X-Request-Id", "access-log-2").get("/nowhere").then().statusCode(404);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(lines).anySatisfy(line -> assertThat(line)
                        .matches("method=GET path=/api/targets/org-units status=200 latency_ms=\\d+"
                                + " request_id=access-log-1 route=targets"));
                assertThat(lines).anySatisfy(line -> assertThat(line)
                        .matches("method=GET path=/nowhere status=404 latency_ms=\\d+"
                                + " request_id=access-log-2 route=-"));
            });
        }
    }
}

package io.attain.gateway.resilience;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.attain.gateway.support.ProblemAssertions;
import io.attain.gateway.support.TestUpstream;
import io.attain.gateway.support.UpstreamServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * A real upstream that the test stops and starts again on the same port, behind a route with a small circuit
 * breaker (window 4, opens at 50% once 4 outcomes are known, open 3 s, 2 probes).
 */
@QuarkusTest
@TestProfile(UpstreamOutageTest.SmallBreaker.class)
@WithTestResource(UpstreamServersResource.class)
class UpstreamOutageTest {

    public static class SmallBreaker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String port = Integer.toString(TestUpstream.closedPort());
            return Map.ofEntries(
                    Map.entry("attain.gateway.routes.outage.prefix", "/api/outage"),
                    Map.entry("attain.gateway.routes.outage.upstream", "http://127.0.0.1:" + port),
                    Map.entry(OUTAGE_PORT_KEY, port),
                    Map.entry("attain.gateway.circuit-breaker.enabled", "true"),
                    Map.entry("attain.gateway.circuit-breaker.window", "4"),
                    Map.entry("attain.gateway.circuit-breaker.minimum-calls", "4"),
                    Map.entry("attain.gateway.circuit-breaker.failure-ratio", "0.5"),
                    Map.entry("attain.gateway.circuit-breaker.open-duration", "3s"),
                    Map.entry("attain.gateway.circuit-breaker.half-open-probes", "2"),
                    Map.entry("attain.gateway.retry.backoff", "10ms"));
        }
    }

    static final String OUTAGE_PORT_KEY = "attain.test.outage-port";
    private static final String PATH = "/api/outage/things";
    private static final String CIRCUIT_OPEN = "https://attain.io/problems/upstream-circuit-open";
    private static final String UNAVAILABLE = "https://attain.io/problems/upstream-unavailable";

    @ConfigProperty(name = OUTAGE_PORT_KEY)
    int port;

    private final List<TestUpstream> started = new ArrayList<>();

    @AfterEach
    void stopUpstreams() {
        started.forEach(TestUpstream::stop);
        started.clear();
    }

    @Test
    void shouldFailFastWhileTheUpstreamIsDownAndRecoverAfterTheProbes() {
        TestUpstream upstream = startUpstream();
        // another test of this class may have left the circuit open: wait until it has closed again
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get(PATH).statusCode() == 200);

        upstream.stop();
        started.remove(upstream);

        // Each refused request is tried twice; after 4 failures (of 5 outcomes in a window of 4) the circuit opens.
        List<Integer> statuses = new ArrayList<>();
        Response response = given().get(PATH);
        while (response.statusCode() == 502 && statuses.size() < 10) {
            ProblemAssertions.assertProblem(response.statusCode(), response.contentType(), response.asString(), 502,
                    UNAVAILABLE, PATH);
            statuses.add(response.statusCode());
            response = given().get(PATH);
        }
        assertThat(statuses).hasSizeBetween(1, 3);

        assertCircuitOpen(response);
        long started = System.nanoTime();
        Response whileOpen = given().contentType("application/json").body("{}").post(PATH);
        assertCircuitOpen(whileOpen);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1000));
        // open (2), or half-open (1) if this slow machine took longer than the open duration to get here
        assertThat(given().get("/q/metrics").asString())
                .containsPattern("attain_gateway_circuit_state\\{route=\"outage\"} [12]\\.0");

        startUpstream();
        // Still open until the open duration is over, then two probes close the circuit.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get(PATH).statusCode() == 200);
        assertThat(given().get(PATH).statusCode()).isEqualTo(200);
        assertThat(given().get(PATH).statusCode()).isEqualTo(200);
        assertThat(given().get("/q/metrics").asString())
                .contains("attain_gateway_circuit_state{route=\"outage\"} 0.0");
    }

    @Test
    void shouldKeepOtherRoutesServedWhileOneCircuitIsOpen() {
        for (int i = 0; i < 10 && given().get(PATH).statusCode() != 503; i++) {
            // the outage upstream is not running: drive its circuit open
        }
        assertCircuitOpen(given().get(PATH));

        assertThat(given().get("/api/targets/things").statusCode()).isEqualTo(200);
    }

    private void assertCircuitOpen(Response response) {
        ProblemAssertions.assertProblem(response.statusCode(), response.contentType(), response.asString(), 503,
                CIRCUIT_OPEN, PATH);
        assertThat(Integer.parseInt(response.header("Retry-After"))).isBetween(1, 3);
    }

    private TestUpstream startUpstream() {
        TestUpstream upstream = new TestUpstream();
        upstream.start(port);
        started.add(upstream);
        return upstream;
    }
}

package io.attain.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

class ProblemTest {

    @Test
    void shouldSerialiseTheRfc9457Members() {
        JsonObject json = new JsonObject(Problem.upstreamTimeout("pipeline", "/api/pipeline/deals").toJson());

        assertThat(json.fieldNames()).containsExactly("type", "title", "status", "detail", "instance");
        assertThat(json.getString("type")).isEqualTo("https://attain.io/problems/upstream-timeout");
        assertThat(json.getString("title")).isEqualTo("Gateway Timeout");
        assertThat(json.getInteger("status")).isEqualTo(504);
        assertThat(json.getString("detail")).isEqualTo("The pipeline service did not answer in time.");
        assertThat(json.getString("instance")).isEqualTo("/api/pipeline/deals");
    }

    @Test
    void shouldEscapeInstanceText() {
        JsonObject json = new JsonObject(Problem.routeNotFound("/a\"b\\c").toJson());

        assertThat(json.getString("instance")).isEqualTo("/a\"b\\c");
    }

    @Test
    void shouldGiveEachProblemItsStatusAndStableType() {
        assertThat(Problem.routeNotFound("/x")).extracting(Problem::status, Problem::type)
                .containsExactly(404, "https://attain.io/problems/route-not-found");
        assertThat(Problem.upstreamUnavailable("targets", "/x")).extracting(Problem::status, Problem::type)
                .containsExactly(502, "https://attain.io/problems/upstream-unavailable");
        assertThat(Problem.payloadTooLarge(10, "/x")).extracting(Problem::status, Problem::type, Problem::detail)
                .containsExactly(413, "https://attain.io/problems/payload-too-large",
                        "The request body exceeds the limit of 10 bytes.");
        assertThat(Problem.invalidRequest("bad", "/x").status()).isEqualTo(400);
        assertThat(Problem.internalError("/x").status()).isEqualTo(500);
    }
}

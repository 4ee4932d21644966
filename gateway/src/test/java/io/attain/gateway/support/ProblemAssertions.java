package io.attain.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;

/**
 * Checks the gateway's problem+json contract: exactly {type, title, status, detail, instance}, no internals.
 */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    public static void assertProblem(int actualStatus, String contentType, String body, int status, String type,
            String instance) {
        assertThat(actualStatus).isEqualTo(status);
        assertThat(contentType).startsWith("application/problem+json");
        JsonPath problem = new JsonPath(body);
        assertThat(problem.getMap("")).containsOnlyKeys("type", "title", "status", "detail", "instance");
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("type")).isEqualTo(type);
        assertThat(problem.getString("instance")).isEqualTo(instance);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).isNotBlank();
        assertThat(body).doesNotContain("Exception", "\tat ", "io.vertx", "io.netty", "127.0.0.1", "refused");
    }
}

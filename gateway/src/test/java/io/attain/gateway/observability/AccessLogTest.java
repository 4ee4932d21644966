package io.attain.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.attain.gateway.support.AccessLogCapture;

/**
 * The access log hands its lines to the logger in batches from a background thread; none may be lost or doubled,
 * also when lines arrive faster than the queue takes them (the caller then logs the line itself).
 */
class AccessLogTest {

    @Test
    void shouldLogEveryLineOnceAlsoWhenTheQueueOverflows() {
        int count = 20_000; // more than the queue holds
        try (AccessLogCapture capture = AccessLogCapture.start()) {
            List<String> lines = capture.lines();
            for (int i = 0; i < count; i++) {
                AccessLog.record("GET", "/api/targets/targets", 200, 3, "batch-" + i, "targets", i == 0);
            }

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    lines.stream().filter(line -> line.contains("request_id=batch-")).count()).isEqualTo(count));
            Set<String> ids = new HashSet<>();
            for (String line : lines) {
                if (line.contains("request_id=batch-")) {
                    assertThat(line).matches("method=GET path=/api/targets/targets status=200 latency_ms=3"
                            + " request_id=batch-\\d+ route=targets( aborted=true)?");
                    ids.add(line.substring(line.indexOf("request_id=") + 11, line.indexOf(" route=")));
                }
            }
            assertThat(ids).hasSize(count);
            assertThat(lines).contains("method=GET path=/api/targets/targets status=200 latency_ms=3"
                    + " request_id=batch-0 route=targets aborted=true");
        }
    }
}

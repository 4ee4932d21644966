package io.attain.pipeline.alerts;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StaleThresholdsTest {

    private static final List<String> OPEN = List.of("LEAD", "CONTACTED", "NEGOTIATION");

    @Test
    void shouldUseTheStagesOwnDaysAndTheDefaultForTheRest() {
        StaleThresholds thresholds = StaleThresholds.of(30, Map.of("NEGOTIATION", 14), OPEN);

        assertThat(thresholds.daysFor("NEGOTIATION")).isEqualTo(14);
        assertThat(thresholds.daysFor("LEAD")).isEqualTo(30);
        Instant asOf = Instant.parse("2026-03-31T08:00:00Z");
        assertThat(thresholds.cutoff("NEGOTIATION", asOf)).isEqualTo(Instant.parse("2026-03-17T08:00:00Z"));
        assertThat(thresholds.cutoff("CONTACTED", asOf)).isEqualTo(Instant.parse("2026-03-01T08:00:00Z"));
    }

    @Test
    void shouldRefuseUnknownStagesAndDaysBelowOne() {
        assertThatThrownBy(() -> StaleThresholds.of(30, Map.of("NEGOTATION", 14), OPEN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NEGOTATION");
        assertThatThrownBy(() -> StaleThresholds.of(30, Map.of("WON", 14), OPEN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StaleThresholds.of(0, Map.of(), OPEN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StaleThresholds.of(30, Map.of("LEAD", -1), OPEN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

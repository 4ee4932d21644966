package io.attain.pipeline.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StageTest {

    @ParameterizedTest
    @CsvSource({
            "LEAD, CONTACTED, true",
            "LEAD, NEGOTIATION, true",
            "LEAD, WON, true",
            "NEGOTIATION, PROPOSAL, true",
            "PROPOSAL, LOST, true",
            "LEAD, COLLECTED, false",
            "LEAD, LEAD, false",
            "WON, COLLECTED, true",
            "WON, LOST, true",
            "WON, NEGOTIATION, false",
            "LOST, LEAD, true",
            "LOST, NEGOTIATION, true",
            "LOST, WON, false",
            "COLLECTED, LOST, false",
            "COLLECTED, WON, false",
    })
    void shouldAllowOnlyFunnelMoves(Stage from, Stage to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = {"LEAD", "CONTACTED", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION"})
    void shouldLetEveryOpenStageBeLost(Stage open) {
        assertThat(open.isOpen()).isTrue();
        assertThat(open.allowedNext()).contains(Stage.LOST, Stage.WON).doesNotContain(open, Stage.COLLECTED);
    }

    @Test
    void shouldKeepProbabilityAndForecastInStepWithStage() {
        Deal deal = new Deal();
        java.time.Instant t = java.time.Instant.parse("2026-03-01T08:00:00Z");
        deal.moveTo(Stage.NEGOTIATION, t);
        assertThat(deal.probability).isEqualTo(80);
        assertThat(deal.forecastCategory).isEqualTo(Stage.ForecastCategory.COMMIT);
        deal.moveTo(Stage.WON, t.plusSeconds(60));
        assertThat(deal.wonAt).isEqualTo(t.plusSeconds(60));
        assertThat(deal.closedAt).isEqualTo(t.plusSeconds(60));
        assertThat(deal.forecastCategory).isEqualTo(Stage.ForecastCategory.CLOSED);
        deal.moveTo(Stage.LOST, t.plusSeconds(120));
        assertThat(deal.probability).isZero();
        deal.moveTo(Stage.LEAD, t.plusSeconds(180));
        assertThat(deal.wonAt).isNull();
        assertThat(deal.closedAt).isNull();
    }
}

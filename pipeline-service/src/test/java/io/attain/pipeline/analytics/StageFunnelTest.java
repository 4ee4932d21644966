package io.attain.pipeline.analytics;

import io.attain.events.Money;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.attain.pipeline.analytics.AnalyticsFixtures.FUNNEL;
import static io.attain.pipeline.analytics.AnalyticsFixtures.deal;
import static org.assertj.core.api.Assertions.assertThat;

class StageFunnelTest {

    @Test
    void shouldCountAndWeighEachStagePerCurrency() {
        List<StageFunnel.StageTotal> funnel = StageFunnel.of(List.of(
                deal("LEAD", "100000.00", "CNY", 10),
                deal("PROPOSAL", "200000.50", "CNY", 60),
                deal("PROPOSAL", "1000.05", "USD", 60),
                deal("NEGOTIATION", "300000.00", "CNY", 80),
                deal("WON", "500000.00", "CNY", 100),
                deal("LOST", "50000.00", "CNY", 0)), FUNNEL);

        assertThat(funnel).extracting(StageFunnel.StageTotal::stage).containsExactly(
                "LEAD", "CONTACTED", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION", "WON", "COLLECTED", "LOST");
        assertThat(funnel).extracting(StageFunnel.StageTotal::count).containsExactly(1L, 0L, 0L, 2L, 1L, 1L, 0L, 1L);
        assertThat(funnel.get(0).totals()).containsExactly(
                new CurrencyTotal("CNY", 1, Money.of("100000.00", "CNY"), Money.of("10000.00", "CNY")));
        // 200,000.50 × 60% = 120,000.30; 1,000.05 × 60% = 600.03 — never added across currencies
        assertThat(funnel.get(3).totals()).containsExactly(
                new CurrencyTotal("CNY", 1, Money.of("200000.50", "CNY"), Money.of("120000.30", "CNY")),
                new CurrencyTotal("USD", 1, Money.of("1000.05", "USD"), Money.of("600.03", "USD")));
        assertThat(funnel.get(4).totals()).containsExactly(
                new CurrencyTotal("CNY", 1, Money.of("300000.00", "CNY"), Money.of("240000.00", "CNY")));
        assertThat(funnel.get(7).totals()).containsExactly(
                new CurrencyTotal("CNY", 1, Money.of("50000.00", "CNY"), Money.of("0.00", "CNY")));
        assertThat(funnel.get(1).totals()).isEmpty();
    }

    @Test
    void shouldRoundEachDealsWeightedAmountHalfUpBeforeAddingIt() {
        // 0.15 × 10% = 0.015 → 0.02 for each deal: the total is 0.04, the sum of the rounded deals, not 0.03
        List<StageFunnel.StageTotal> funnel = StageFunnel.of(List.of(
                deal("LEAD", "0.15", "CNY", 10), deal("LEAD", "0.15", "CNY", 10),
                deal("LEAD", "1005", "JPY", 10)), FUNNEL);

        assertThat(funnel.getFirst().count()).isEqualTo(3);
        assertThat(funnel.getFirst().totals()).containsExactly(
                new CurrencyTotal("CNY", 2, Money.of("0.30", "CNY"), Money.of("0.04", "CNY")),
                // JPY has no minor unit: 100.5 → 101
                new CurrencyTotal("JPY", 1, Money.of("1005", "JPY"), Money.of("101", "JPY")));
    }

    @Test
    void shouldUseTheStagesDefaultProbabilityWhenTheDealHasNone() {
        List<StageFunnel.StageTotal> funnel = StageFunnel.of(List.of(deal("NEEDS_ANALYSIS", "1000.00", "CNY", null)), FUNNEL);

        assertThat(funnel.get(2).totals()).containsExactly(
                new CurrencyTotal("CNY", 1, Money.of("1000.00", "CNY"), Money.of("400.00", "CNY")));
    }

    @Test
    void shouldLeaveOutStagesTheFunnelDoesNotKnow() {
        List<StageFunnel.StageTotal> funnel = StageFunnel.of(List.of(deal("ON_HOLD", "1000.00", "CNY", 50)), FUNNEL);

        assertThat(funnel).allSatisfy(stage -> assertThat(stage.count()).isZero());
    }
}

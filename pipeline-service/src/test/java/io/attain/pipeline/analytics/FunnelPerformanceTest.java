package io.attain.pipeline.analytics;

import io.attain.pipeline.analytics.FunnelPerformance.Bottleneck;
import io.attain.pipeline.analytics.FunnelPerformance.StageDuration;
import io.attain.pipeline.analytics.FunnelPerformance.StepConversion;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import static io.attain.pipeline.analytics.AnalyticsFixtures.FUNNEL;
import static io.attain.pipeline.analytics.AnalyticsFixtures.closed;
import static io.attain.pipeline.analytics.AnalyticsFixtures.day;
import static io.attain.pipeline.analytics.AnalyticsFixtures.deal;
import static io.attain.pipeline.analytics.AnalyticsFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four deals created on day 0, looked at on day 8:
 * A LEAD → CONTACTED (day 2) → PROPOSAL (day 5, skipping NEEDS_ANALYSIS) → WON (day 10);
 * B LEAD → CONTACTED (day 4) → LOST (day 6);
 * C still in LEAD;
 * D LEAD → CONTACTED (day 1) → NEEDS_ANALYSIS (day 3), still there.
 */
class FunnelPerformanceTest {

    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();
    private static final UUID C = UUID.randomUUID();
    private static final UUID D = UUID.randomUUID();

    private static final List<DealFacts> DEALS = List.of(
            closed(A, "WON", 10), closed(B, "LOST", 6),
            deal(C, "LEAD", "1000.00", "CNY", 10, null), deal(D, "NEEDS_ANALYSIS", "1000.00", "CNY", 40, null));

    private static final List<StageStep> STEPS = List.of(
            // deliberately out of order: the calculation sorts each deal's history by time
            step(A, "PROPOSAL", "WON", 10), step(A, null, "LEAD", 0), step(A, "LEAD", "CONTACTED", 2),
            step(A, "CONTACTED", "PROPOSAL", 5),
            step(B, null, "LEAD", 0), step(B, "LEAD", "CONTACTED", 4), step(B, "CONTACTED", "LOST", 6),
            step(C, null, "LEAD", 0),
            step(D, null, "LEAD", 0), step(D, "LEAD", "CONTACTED", 1), step(D, "CONTACTED", "NEEDS_ANALYSIS", 3),
            step(UUID.randomUUID(), null, "LEAD", 0));

    private static FunnelPerformance.Report report(int minDeals) {
        return FunnelPerformance.of(DEALS, STEPS, FUNNEL, day(8), minDeals);
    }

    @Test
    void shouldConvertFromTheFurthestStageEachDealReached() {
        // reached: LEAD 4, CONTACTED 3 (A, B, D), NEEDS_ANALYSIS 2 (A skipped it but passed it, D), PROPOSAL 1, NEGOTIATION 1, WON 1
        assertThat(report(1).conversion()).containsExactly(
                new StepConversion("LEAD", "CONTACTED", 4, 3, new BigDecimal("0.7500")),
                new StepConversion("CONTACTED", "NEEDS_ANALYSIS", 3, 2, new BigDecimal("0.6667")),
                new StepConversion("NEEDS_ANALYSIS", "PROPOSAL", 2, 1, new BigDecimal("0.5000")),
                new StepConversion("PROPOSAL", "NEGOTIATION", 1, 1, new BigDecimal("1.0000")),
                new StepConversion("NEGOTIATION", "WON", 1, 1, new BigDecimal("1.0000")));
    }

    @Test
    void shouldComputeWinRateAndCycleTimeOverClosedDeals() {
        FunnelPerformance.Report report = report(1);

        assertThat(report.winRate()).isEqualTo(new FunnelPerformance.WinRate(1, 1, new BigDecimal("0.5000")));
        // A won after 10 days, B lost after 6: 8.0 days on average
        assertThat(report.cycleTime()).isEqualTo(new FunnelPerformance.CycleTime(1, new BigDecimal("10.0"), 1,
                new BigDecimal("6.0"), new BigDecimal("8.0")));
    }

    @Test
    void shouldAverageDaysInEachOpenStageCountingStaysStillGoing() {
        // LEAD: A 2 + B 4 + C 8 (still there on day 8) + D 1 = 15 days over 4 stays = 3.75 → 3.8
        // CONTACTED: A 3 + B 2 + D 2 = 7 over 3 = 2.33 → 2.3; NEEDS_ANALYSIS: D 5 (still there); PROPOSAL: A 5
        assertThat(report(1).daysInStage()).containsExactly(
                new StageDuration("LEAD", 4, new BigDecimal("3.8")),
                new StageDuration("CONTACTED", 3, new BigDecimal("2.3")),
                new StageDuration("NEEDS_ANALYSIS", 1, new BigDecimal("5.0")),
                new StageDuration("PROPOSAL", 1, new BigDecimal("5.0")),
                new StageDuration("NEGOTIATION", 0, null));
    }

    @Test
    void shouldNameTheLowestConvertingStageWithEnoughDealsAsBottleneck() {
        assertThat(report(2).bottleneck()).isEqualTo(
                new Bottleneck("NEEDS_ANALYSIS", "PROPOSAL", new BigDecimal("0.5000"), new BigDecimal("5.0")));
        // NEEDS_ANALYSIS was reached by 2 deals only: with 3 required, CONTACTED (0.6667) is the worst
        assertThat(report(3).bottleneck()).isEqualTo(
                new Bottleneck("CONTACTED", "NEEDS_ANALYSIS", new BigDecimal("0.6667"), new BigDecimal("2.3")));
        assertThat(report(5).bottleneck()).isNull();
        // NEEDS_ANALYSIS and PROPOSAL both average 5.0 days: the earlier stage is named
        assertThat(report(1).slowestStage()).isEqualTo(new StageDuration("NEEDS_ANALYSIS", 1, new BigDecimal("5.0")));
    }

    @Test
    void shouldBreakAConversionTieByTheSlowerStage() {
        List<StepConversion> conversion = List.of(
                new StepConversion("LEAD", "CONTACTED", 10, 5, new BigDecimal("0.5000")),
                new StepConversion("CONTACTED", "NEEDS_ANALYSIS", 5, 4, new BigDecimal("0.8000")),
                new StepConversion("NEEDS_ANALYSIS", "PROPOSAL", 4, 2, new BigDecimal("0.5000")));
        List<StageDuration> days = List.of(new StageDuration("LEAD", 10, new BigDecimal("2.0")),
                new StageDuration("NEEDS_ANALYSIS", 4, new BigDecimal("9.5")));

        assertThat(FunnelPerformance.bottleneck(conversion, days, 1)).isEqualTo(
                new Bottleneck("NEEDS_ANALYSIS", "PROPOSAL", new BigDecimal("0.5000"), new BigDecimal("9.5")));
    }

    @Test
    void shouldReportNothingForNoDeals() {
        FunnelPerformance.Report report = FunnelPerformance.of(List.of(), List.of(), FUNNEL, day(1), 1);

        assertThat(report.conversion()).allSatisfy(step -> assertThat(step.rate()).isNull());
        assertThat(report.winRate().rate()).isNull();
        assertThat(report.cycleTime().averageDays()).isNull();
        assertThat(report.bottleneck()).isNull();
        assertThat(report.slowestStage()).isNull();
    }
}

package io.attain.pipeline.analytics;

import io.attain.events.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.attain.pipeline.analytics.AnalyticsFixtures.FUNNEL;
import static io.attain.pipeline.analytics.AnalyticsFixtures.deal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelineCoverageTest {

    private static final List<DealFacts> DEALS = List.of(
            deal("LEAD", "100000.00", "CNY", 10),
            deal("PROPOSAL", "200000.50", "CNY", 60),
            deal("PROPOSAL", "1000.05", "USD", 60),
            deal("NEGOTIATION", "300000.00", "CNY", 80),
            deal("WON", "500000.00", "CNY", 100),
            deal("LOST", "50000.00", "CNY", 0));

    @Test
    void shouldCompareTheOpenPipelineOfTheTargetsCurrencyWithTheRemainingTarget() {
        PipelineCoverage.Report report = PipelineCoverage.of(DEALS, FUNNEL, Money.of("400000.00", "CNY"));

        assertThat(report.openDeals()).isEqualTo(3);
        assertThat(report.openAmount()).isEqualTo(Money.of("600000.50", "CNY"));
        assertThat(report.weightedOpenAmount()).isEqualTo(Money.of("370000.30", "CNY"));
        // 600,000.50 ÷ 400,000 = 1.50000125 → 1.50; 370,000.30 ÷ 400,000 = 0.92500075 → 0.93
        assertThat(report.coverage()).isEqualByComparingTo(new BigDecimal("1.50"));
        assertThat(report.weightedCoverage()).isEqualByComparingTo(new BigDecimal("0.93"));
        assertThat(report.otherCurrencyDeals()).isEqualTo(1);
    }

    @Test
    void shouldShowZeroCoverageWithoutOpenDealsInTheCurrency() {
        PipelineCoverage.Report report = PipelineCoverage.of(DEALS, FUNNEL, Money.of("10", "EUR"));

        assertThat(report.openDeals()).isZero();
        assertThat(report.openAmount()).isEqualTo(Money.of("0.00", "EUR"));
        assertThat(report.coverage()).isEqualByComparingTo("0.00");
        assertThat(report.otherCurrencyDeals()).isEqualTo(4);
    }

    @Test
    void shouldRefuseANonPositiveTarget() {
        assertThatThrownBy(() -> PipelineCoverage.of(DEALS, FUNNEL, Money.of("0", "CNY")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

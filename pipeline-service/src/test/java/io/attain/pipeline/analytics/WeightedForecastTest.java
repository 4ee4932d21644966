package io.attain.pipeline.analytics;

import io.attain.events.Money;
import io.attain.pipeline.analytics.WeightedForecast.Category;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.attain.pipeline.analytics.AnalyticsFixtures.FUNNEL;
import static io.attain.pipeline.analytics.AnalyticsFixtures.deal;
import static org.assertj.core.api.Assertions.assertThat;

class WeightedForecastTest {

    @Test
    void shouldForecastClosedPlusWeightedOpenDealsPerCurrency() {
        WeightedForecast.Report report = WeightedForecast.of(List.of(
                deal("LEAD", "100000.00", "CNY", 10),
                deal("PROPOSAL", "200000.50", "CNY", 60),
                deal("PROPOSAL", "1000.05", "USD", 60),
                deal("NEGOTIATION", "300000.00", "CNY", 80),
                deal("WON", "500000.00", "CNY", 100),
                deal("COLLECTED", "20000.00", "CNY", 100),
                deal("LOST", "50000.00", "CNY", 0)), FUNNEL);

        assertThat(report.categories()).extracting(WeightedForecast.CategoryTotal::category).containsExactly(
                Category.COMMIT, Category.BEST_CASE, Category.PIPELINE, Category.OMITTED, Category.CLOSED);
        assertThat(report.categories()).extracting(WeightedForecast.CategoryTotal::count).containsExactly(1L, 2L, 1L, 0L, 2L);
        assertThat(report.categories().get(1).totals()).containsExactly(
                new CurrencyTotal("CNY", 1, Money.of("200000.50", "CNY"), Money.of("120000.30", "CNY")),
                new CurrencyTotal("USD", 1, Money.of("1000.05", "USD"), Money.of("600.03", "USD")));
        assertThat(report.categories().get(4).totals()).containsExactly(
                new CurrencyTotal("CNY", 2, Money.of("520000.00", "CNY"), Money.of("520000.00", "CNY")));
        // CNY: closed 520,000 + weighted 10,000 + 120,000.30 + 240,000 = 890,000.30
        assertThat(report.forecast()).containsExactly(
                new WeightedForecast.CurrencyForecast("CNY", Money.of("520000.00", "CNY"),
                        Money.of("370000.30", "CNY"), Money.of("890000.30", "CNY")),
                new WeightedForecast.CurrencyForecast("USD", Money.of("0.00", "USD"),
                        Money.of("600.03", "USD"), Money.of("600.03", "USD")));
    }

    @Test
    void shouldKeepADealsOwnCategoryAndLeaveOmittedDealsOutOfTheExpectedAmount() {
        WeightedForecast.Report report = WeightedForecast.of(List.of(
                deal(UUID.randomUUID(), "LEAD", "1000.00", "CNY", 10, "COMMIT"),
                deal(UUID.randomUUID(), "PROPOSAL", "3000.00", "CNY", 60, "OMITTED")), FUNNEL);

        assertThat(report.categories().get(0).count()).isEqualTo(1);
        assertThat(report.categories().get(3).count()).isEqualTo(1);
        assertThat(report.forecast()).containsExactly(new WeightedForecast.CurrencyForecast("CNY",
                Money.of("0.00", "CNY"), Money.of("100.00", "CNY"), Money.of("100.00", "CNY")));
    }

    @Test
    void shouldDeriveAMissingCategoryFromTheProbability() {
        assertThat(WeightedForecast.categoryOf(null, 100)).isEqualTo(Category.COMMIT);
        assertThat(WeightedForecast.categoryOf(null, 80)).isEqualTo(Category.COMMIT);
        assertThat(WeightedForecast.categoryOf(null, 79)).isEqualTo(Category.BEST_CASE);
        assertThat(WeightedForecast.categoryOf(null, 60)).isEqualTo(Category.BEST_CASE);
        assertThat(WeightedForecast.categoryOf(null, 59)).isEqualTo(Category.PIPELINE);
        assertThat(WeightedForecast.categoryOf(null, 1)).isEqualTo(Category.PIPELINE);
        assertThat(WeightedForecast.categoryOf(null, 0)).isEqualTo(Category.OMITTED);
        assertThat(WeightedForecast.categoryOf("BEST_CASE", 10)).isEqualTo(Category.BEST_CASE);
        // CLOSED is no category for an open deal, and an unknown name is as good as none
        assertThat(WeightedForecast.categoryOf("CLOSED", 30)).isEqualTo(Category.PIPELINE);
        assertThat(WeightedForecast.categoryOf("UPSIDE", 85)).isEqualTo(Category.COMMIT);
    }
}

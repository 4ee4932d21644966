package io.attain.pipeline.analytics;

import io.attain.events.Money;
import org.junit.jupiter.api.RepeatedTest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.attain.pipeline.analytics.AnalyticsFixtures.FUNNEL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parts sum to the whole over random deals: every deal lands in exactly one stage of the funnel, the stages' money
 * per currency adds up to the deals' money, and the forecast's categories hold every deal that is not lost.
 */
class AnalyticsPartitionTest {

    private static final List<String> CURRENCIES = List.of("CNY", "USD", "JPY");

    @RepeatedTest(20)
    void shouldPartitionEveryDealIntoOneStageAndOneCategory() {
        Random random = new Random();
        List<String> stages = FUNNEL.allStages();
        List<DealFacts> deals = new ArrayList<>();
        Map<String, Money> amounts = new HashMap<>();
        Map<String, Money> weighted = new HashMap<>();
        long lost = 0;
        for (int i = random.nextInt(60); i > 0; i--) {
            String currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
            Money amount = Money.of(java.math.BigDecimal.valueOf(random.nextLong(10_000_000_00L),
                    Money.minorUnits(currency)), currency);
            String stage = stages.get(random.nextInt(stages.size()));
            Integer probability = random.nextBoolean() ? null : random.nextInt(101);
            deals.add(new DealFacts(UUID.randomUUID(), "rep", stage, amount, probability, null, Instant.EPOCH, null, null));
            amounts.merge(currency, amount, Money::plus);
            weighted.merge(currency, CurrencyTotals.weighted(amount, deals.getLast().effectiveProbability(FUNNEL)), Money::plus);
            lost += FUNNEL.isLost(stage) ? 1 : 0;
        }

        List<StageFunnel.StageTotal> funnel = StageFunnel.of(deals, FUNNEL);
        assertThat(funnel.stream().mapToLong(StageFunnel.StageTotal::count).sum()).isEqualTo(deals.size());
        Map<String, Money> stageAmounts = new HashMap<>();
        Map<String, Money> stageWeighted = new HashMap<>();
        funnel.forEach(stage -> stage.totals().forEach(total -> {
            stageAmounts.merge(total.currency(), total.amount(), Money::plus);
            stageWeighted.merge(total.currency(), total.weightedAmount(), Money::plus);
        }));
        assertThat(stageAmounts).isEqualTo(amounts);
        assertThat(stageWeighted).isEqualTo(weighted);

        WeightedForecast.Report forecast = WeightedForecast.of(deals, FUNNEL);
        assertThat(forecast.categories().stream().mapToLong(WeightedForecast.CategoryTotal::count).sum())
                .isEqualTo(deals.size() - lost);
    }
}

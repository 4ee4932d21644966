package io.attain.targets.domain.decomposition;

import io.attain.events.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The worked examples of the seed documents, as quoted in PRODUCT.md: the engine's acceptance examples. */
class SeedExamplesTest {

    private static final Money ANNUAL_TEAM_TARGET = cny("120000000.00");
    private static final Money REP_QUARTER_TARGET = cny("3000000.00");
    private static final Money KEY_ACCOUNT_TEAM_TARGET = cny("80000000.00");

    private static final Shares PRODUCT_LINES = Shares.weights(ordered("A", 70, "B", 30, "services", 20));
    private static final Shares REGIONS = Shares.percentages(ordered("core", 70, "potential", 30));
    private static final Shares CUSTOMER_TIERS = Shares.percentages(ordered("large", 40, "mid", 40, "small", 20));

    @Test
    void shouldSplitAnnualTeamTargetIntoProductLines() {
        Allocation byProduct = Allocator.split(ANNUAL_TEAM_TARGET, PRODUCT_LINES);

        assertThat(byProduct.monies()).containsExactly(
                Map.entry("A", cny("70000000.00")),
                Map.entry("B", cny("30000000.00")),
                Map.entry("services", cny("20000000.00")));
    }

    @Test
    void shouldSplitAnnualTeamTargetIntoCoreAndPotentialRegions() {
        Allocation byRegion = Allocator.split(ANNUAL_TEAM_TARGET, REGIONS);

        assertThat(byRegion.money("core")).isEqualTo(cny("84000000.00"));
        assertThat(byRegion.money("potential")).isEqualTo(cny("36000000.00"));
    }

    @Test
    void shouldSplitAnnualTeamTargetIntoCustomerTiers() {
        Allocation byTier = Allocator.split(ANNUAL_TEAM_TARGET, CUSTOMER_TIERS);

        assertThat(byTier.monies().values())
                .containsExactly(cny("48000000.00"), cny("48000000.00"), cny("24000000.00"));
    }

    @Test
    void shouldDecomposeAnnualTeamTargetAlongProductRegionAndTierAtOnce() {
        Decomposition plan = DecompositionPlan.builder()
                .level("product line", Dimension.PRODUCT_LINE, PRODUCT_LINES)
                .level("region", Dimension.REGION, REGIONS)
                .level("customer tier", Dimension.CUSTOMER_TIER, CUSTOMER_TIERS)
                .build()
                .decompose(ANNUAL_TEAM_TARGET);

        assertThat(plan.leafCount()).isEqualTo(18);
        assertThat(plan.node("A").money()).isEqualTo(cny("70000000.00"));
        assertThat(plan.node("A", "core").money()).isEqualTo(cny("49000000.00"));
        assertThat(plan.node("A", "core", "large").money()).isEqualTo(cny("19600000.00"));
        // each dimension, summed across the others, keeps the seed's shares of the whole
        assertThat(plan.sumWhere(Map.of("region", "core"))).isEqualByComparingTo("84000000.00");
        assertThat(plan.sumWhere(Map.of("region", "potential"))).isEqualByComparingTo("36000000.00");
        assertThat(plan.sumWhere(Map.of("customer tier", "large"))).isEqualByComparingTo("48000000.00");
        assertThat(plan.sumWhere(Map.of("customer tier", "small"))).isEqualByComparingTo("24000000.00");
        assertThat(plan.root().subtreeSum()).isEqualByComparingTo("120000000.00");
    }

    @Test
    void shouldPhaseAnnualTargetWithQ1TwentyAndQ4ThirtyPercent() {
        Decomposition byQuarter = DecompositionPlan.builder()
                .level("quarter", Dimension.TIME, Shares.percentages(ordered("Q1", 20, "Q2", 25, "Q3", 25, "Q4", 30)))
                .build()
                .decompose(ANNUAL_TEAM_TARGET);

        assertThat(byQuarter.root().children()).extracting(DecompositionNode::money).containsExactly(
                cny("24000000.00"), cny("30000000.00"), cny("30000000.00"), cny("36000000.00"));
    }

    @Test
    void shouldSplitRepQuarterIntoProductAAndB() {
        Allocation byProduct = Allocator.split(REP_QUARTER_TARGET, Shares.weights(ordered("A", 2, "B", 1)));

        assertThat(byProduct.money("A")).isEqualTo(cny("2000000.00"));
        assertThat(byProduct.money("B")).isEqualTo(cny("1000000.00"));
    }

    @Test
    void shouldSplitRepQuarterIntoExistingAndNewCustomers() {
        Allocation byCustomer = Allocator.split(REP_QUARTER_TARGET,
                Shares.percentages(ordered("existing", 60, "new", 40)));

        assertThat(byCustomer.money("existing")).isEqualTo(cny("1800000.00"));
        assertThat(byCustomer.money("new")).isEqualTo(cny("1200000.00"));
    }

    @Test
    void shouldSplitRepQuarterIntoRisingMonths() {
        Allocation byMonth = Allocator.split(REP_QUARTER_TARGET, Shares.weights(ordered("M1", 8, "M2", 10, "M3", 12)));

        assertThat(byMonth.monies().values())
                .containsExactly(cny("800000.00"), cny("1000000.00"), cny("1200000.00"));
    }

    @Test
    void shouldDecomposeRepQuarterAlongMonthProductAndCustomerType() {
        Decomposition quarter = DecompositionPlan.builder()
                .level("month", Dimension.TIME, Shares.weights(ordered("M1", 800_000, "M2", 1_000_000, "M3", 1_200_000)))
                .level("product line", Dimension.PRODUCT_LINE, Shares.weights(ordered("A", 2, "B", 1)))
                .level("customer", Dimension.NEW_VS_EXISTING, Shares.percentages(ordered("existing", 60, "new", 40)))
                .build()
                .decompose(REP_QUARTER_TARGET);

        assertThat(quarter.node("M1").money()).isEqualTo(cny("800000.00"));
        assertThat(quarter.rollUp("product line")).containsExactly(
                Map.entry(List.of("A"), new BigDecimal("2000000.00")),
                Map.entry(List.of("B"), new BigDecimal("1000000.00")));
        assertThat(quarter.rollUp("customer")).containsExactly(
                Map.entry(List.of("existing"), new BigDecimal("1800000.00")),
                Map.entry(List.of("new"), new BigDecimal("1200000.00")));
    }

    @Test
    void shouldSplitKeyAccountTeamIntoExistingAndNewAccounts() {
        Allocation byWeights = Allocator.split(KEY_ACCOUNT_TEAM_TARGET, Shares.weights(ordered("existing", 3, "new", 1)));
        Allocation byPin = Allocator.split(KEY_ACCOUNT_TEAM_TARGET, Shares.equal("existing", "new"),
                Map.of("new", cny("20000000.00")));

        assertThat(byWeights.money("existing")).isEqualTo(cny("60000000.00"));
        assertThat(byWeights.money("new")).isEqualTo(cny("20000000.00"));
        assertThat(byPin.monies()).isEqualTo(byWeights.monies());
        assertThat(byPin.pinnedKeys()).containsExactly("new");
    }

    static Money cny(String amount) {
        return Money.of(amount, "CNY");
    }

    /** An insertion-ordered map from alternating keys and integer values (declaration order matters). */
    static Map<String, Integer> ordered(Object... keysAndValues) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (Integer) keysAndValues[i + 1]);
        }
        return map;
    }
}

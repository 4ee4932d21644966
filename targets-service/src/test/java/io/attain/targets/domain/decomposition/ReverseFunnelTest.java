package io.attain.targets.domain.decomposition;

import io.attain.events.Money;
import io.attain.targets.domain.decomposition.DecompositionException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static io.attain.targets.domain.decomposition.SeedExamplesTest.cny;
import static io.attain.targets.domain.decomposition.SeedExamplesTest.ordered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReverseFunnelTest {

    /** lead → contacted 25%, → needs analysis 50%, → proposal 60%, → negotiation 50%, → won 50%. */
    private static final ConversionRates RATES = ConversionRates.of(new BigDecimal("0.25"), new BigDecimal("0.5"),
            new BigDecimal("0.6"), new BigDecimal("0.5"), new BigDecimal("0.5"));
    private static final FunnelAssumptions ASSUMPTIONS = new FunnelAssumptions(cny("150000.00"), RATES);

    @Test
    void shouldWorkBackFromTheRepQuarterTargetToLeads() {
        FunnelRequirement needed = ReverseFunnel.requirement(cny("3000000.00"), ASSUMPTIONS);

        assertThat(needed).isEqualTo(new FunnelRequirement(1072, 268, 134, 80, 40, 20));
        assertThat(needed.count(FunnelStage.NEEDS_ANALYSIS)).isEqualTo(134);
    }

    @ParameterizedTest(name = "{0} at {1} per deal, negotiation→won {2}: {3} won, {4} negotiations")
    @CsvSource({
            "3000000.00, 140000.00, 0.5, 22, 44",
            "3000000.00, 150000.00, 0.3, 20, 67",
            "0.01, 150000.00, 0.5, 1, 2",
            "150000.00, 150000.00, 1, 1, 1",
            "150000.01, 150000.00, 1, 2, 2",
            "1000000.00, 333333.33, 0.75, 4, 6"})
    void shouldRoundUpToWholeDealsAtEveryStage(String target, String dealSize, String negotiationToWon, long won, long negotiations) {
        ConversionRates rates = ConversionRates.of(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE,
                new BigDecimal(negotiationToWon));

        FunnelRequirement needed = ReverseFunnel.requirement(cny(target), new FunnelAssumptions(cny(dealSize), rates));

        assertThat(needed.won()).isEqualTo(won);
        assertThat(needed.negotiations()).isEqualTo(negotiations);
        assertThat(needed.leads()).isEqualTo(negotiations);
    }

    @ParameterizedTest(name = "rate {0} is refused")
    @CsvSource({"0", "-0.1", "1.01", "2"})
    void shouldRefuseConversionRatesOutsideZeroToOne(String rate) {
        assertThatThrownBy(() -> ConversionRates.of(BigDecimal.ONE, new BigDecimal(rate), BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE))
                .isInstanceOfSatisfying(DecompositionException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_CONVERSION_RATE))
                .hasMessageContaining("CONTACTED to NEEDS_ANALYSIS");
    }

    @Test
    void shouldRefuseMissingOrSurplusStageRates() {
        Map<FunnelStage, BigDecimal> withoutProposal = new EnumMap<>(RATES.asMap());
        withoutProposal.remove(FunnelStage.PROPOSAL);
        Map<FunnelStage, BigDecimal> withWon = new EnumMap<>(RATES.asMap());
        withWon.put(FunnelStage.WON, BigDecimal.ONE);

        assertThatThrownBy(() -> ConversionRates.of(withoutProposal))
                .isInstanceOfSatisfying(DecompositionException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_CONVERSION_RATE))
                .hasMessageContaining("PROPOSAL to NEGOTIATION");
        assertThatThrownBy(() -> ConversionRates.of(withWon))
                .isInstanceOfSatisfying(DecompositionException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_CONVERSION_RATE));
    }

    @Test
    void shouldRefuseBadTargetsAndDealSizes() {
        assertThatThrownBy(() -> new FunnelAssumptions(cny("0.00"), RATES))
                .isInstanceOfSatisfying(DecompositionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NON_POSITIVE_DEAL_SIZE));
        assertThatThrownBy(() -> ReverseFunnel.requirement(new BigDecimal("100"), new BigDecimal("-1"), RATES))
                .isInstanceOfSatisfying(DecompositionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NON_POSITIVE_DEAL_SIZE));
        assertThatThrownBy(() -> ReverseFunnel.requirement(cny("-1.00"), ASSUMPTIONS))
                .isInstanceOfSatisfying(DecompositionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NEGATIVE_TARGET));
        assertThatThrownBy(() -> ReverseFunnel.requirement(Money.of("100.00", "USD"), ASSUMPTIONS))
                .isInstanceOfSatisfying(DecompositionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNIT_MISMATCH));
        assertThat(ReverseFunnel.requirement(cny("0.00"), ASSUMPTIONS)).isEqualTo(FunnelRequirement.NONE);
    }

    @Test
    void shouldPlanEachRepsFunnelPerMonthFromADecomposition() {
        Decomposition quarter = DecompositionPlan.builder()
                .level("month", Dimension.TIME, Shares.weights(ordered("M1", 8, "M2", 10, "M3", 12)))
                .level("rep", Dimension.ORG, Shares.equal("wang.fang", "li.na"))
                .level("product line", Dimension.PRODUCT_LINE, Shares.weights(ordered("A", 2, "B", 1)))
                .build()
                .decompose(cny("3000000.00"));

        Map<List<String>, FunnelRequirement> perRepPerMonth = ReverseFunnel.perGroup(quarter, ASSUMPTIONS, "rep", "month");

        assertThat(perRepPerMonth).hasSize(6);
        assertThat(perRepPerMonth.get(List.of("wang.fang", "M1"))).isEqualTo(new FunnelRequirement(160, 40, 20, 12, 6, 3));
        assertThat(perRepPerMonth.get(List.of("li.na", "M3"))).isEqualTo(new FunnelRequirement(216, 54, 27, 16, 8, 4));
        Map<List<String>, FunnelRequirement> bigDealsForLiNa = ReverseFunnel.perGroup(quarter,
                group -> group.get(0).equals("li.na") ? new FunnelAssumptions(cny("600000.00"), RATES) : ASSUMPTIONS, "rep");
        assertThat(bigDealsForLiNa.get(List.of("li.na")).won()).isEqualTo(3);
        assertThat(bigDealsForLiNa.get(List.of("wang.fang")).won()).isEqualTo(10);
    }

    @Test
    void shouldRefuseAFunnelForACountTarget() {
        Decomposition visits = DecompositionPlan.builder()
                .level("rep", Dimension.ORG, Shares.equal("a", "b")).build().decompose(100);

        assertThatThrownBy(() -> ReverseFunnel.perGroup(visits, ASSUMPTIONS, "rep"))
                .isInstanceOfSatisfying(DecompositionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNIT_MISMATCH));
    }

    static LongStream seeds() {
        return RandomInputs.seeds(300);
    }

    /** Every stage is enough for the next one and no more than needed, whatever the target and rates. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyStageIsTheSmallestWholeNumberThatYieldsTheNext(long seed) {
        RandomInputs random = new RandomInputs(seed);
        BigDecimal target = BigDecimal.valueOf(random.nextLong(100_000_000_000L) + 1, 2);
        BigDecimal dealSize = BigDecimal.valueOf(random.nextLong(50_000_000L) + 1, 2);
        BigDecimal[] rates = new BigDecimal[5];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = BigDecimal.valueOf(random.between(1, 10_000), 4);
        }

        FunnelRequirement needed = ReverseFunnel.requirement(target, dealSize,
                ConversionRates.of(rates[0], rates[1], rates[2], rates[3], rates[4]));

        BigDecimal won = BigDecimal.valueOf(needed.won());
        assertThat(won.multiply(dealSize)).as("seed %d", seed).isGreaterThanOrEqualTo(target);
        assertThat(won.subtract(BigDecimal.ONE).multiply(dealSize)).as("seed %d", seed).isLessThan(target);
        for (int s = 0; s < 5; s++) {
            FunnelStage stage = FunnelStage.values()[s];
            BigDecimal count = BigDecimal.valueOf(needed.count(stage));
            BigDecimal next = BigDecimal.valueOf(needed.count(stage.next()));
            assertThat(count.multiply(rates[s])).as("seed %d: %s", seed, stage).isGreaterThanOrEqualTo(next);
            assertThat(count.subtract(BigDecimal.ONE).multiply(rates[s])).as("seed %d: %s", seed, stage).isLessThan(next);
        }
    }
}

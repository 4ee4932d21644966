package io.attain.targets.domain.decomposition;

import io.attain.targets.domain.decomposition.DecompositionException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.attain.targets.domain.decomposition.SeedExamplesTest.ordered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharesTest {

    @ParameterizedTest(name = "percentages {0} are refused: they add up to {1}")
    @CsvSource(delimiter = ';', value = {
            "20,25,25,20; 90",
            "50,50.01; 100.01",
            "33.33,33.33,33.33; 99.99",
            "100,10; 110"})
    void shouldRefusePercentagesThatDoNotAddUpToHundred(String percentages, String sum) {
        assertThatThrownBy(() -> Shares.percentages(decimals(percentages)))
                .isInstanceOfSatisfying(DecompositionException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.PERCENTAGES_DO_NOT_SUM_TO_100))
                .hasMessageContaining("add up to " + sum);
    }

    @ParameterizedTest(name = "percentages {0} are accepted")
    @CsvSource(delimiter = ';', value = {"100", "20,25,25,30", "33.33,33.33,33.34", "0.5,99.5", "12.345,87.655"})
    void shouldAcceptPercentagesThatAddUpToHundredExactly(String percentages) {
        Shares shares = Shares.percentages(decimals(percentages));

        assertThat(shares.kind()).isEqualTo(Shares.Kind.PERCENTAGES);
        assertThat(shares.size()).isEqualTo(percentages.split(",").length);
    }

    @ParameterizedTest(name = "weight {0} is refused")
    @CsvSource({"0", "-1", "-0.01", "0.000"})
    void shouldRefuseZeroOrNegativeWeight(String weight) {
        Map<String, BigDecimal> weights = new LinkedHashMap<>();
        weights.put("a", BigDecimal.TEN);
        weights.put("b", new BigDecimal(weight));

        assertThatThrownBy(() -> Shares.weights(weights))
                .isInstanceOfSatisfying(DecompositionException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NON_POSITIVE_WEIGHT))
                .hasMessageContaining("'b'");
        assertThatThrownBy(() -> Shares.percentages(Map.of("b", new BigDecimal(weight))))
                .isInstanceOfSatisfying(DecompositionException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NON_POSITIVE_WEIGHT));
    }

    @Test
    void shouldRefuseNoChildren() {
        assertThatThrownBy(() -> Shares.weights(Map.of())).isInstanceOfSatisfying(DecompositionException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NO_CHILDREN));
        assertThatThrownBy(() -> Shares.equal(List.of())).isInstanceOfSatisfying(DecompositionException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NO_CHILDREN));
    }

    @Test
    void shouldRefuseTheSameChildTwice() {
        assertThatThrownBy(() -> Shares.equal("rep-1", "rep-2", "rep-1"))
                .isInstanceOfSatisfying(DecompositionException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.DUPLICATE_KEY))
                .hasMessageContaining("rep-1");
    }

    @Test
    void shouldRefuseBinaryFractionsAsShares() {
        assertThatThrownBy(() -> Shares.weights(Map.of("a", 0.1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exact decimals");
    }

    @Test
    void shouldRefuseNegativeHistory() {
        assertThatThrownBy(() -> Shares.history(ordered("a", 5, "b", -1), ZeroHistoryPolicy.EQUAL_SHARES))
                .isInstanceOfSatisfying(DecompositionException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NEGATIVE_HISTORY));
    }

    @Test
    void shouldRefuseAllZeroHistoryUnlessAskedToShareEqually() {
        Map<String, Integer> nothingSold = ordered("a", 0, "b", 0, "c", 0);

        assertThatThrownBy(() -> Shares.history(nothingSold, ZeroHistoryPolicy.REFUSE))
                .isInstanceOfSatisfying(DecompositionException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.ALL_ZERO_HISTORY))
                .hasMessageContaining("[a, b, c]");
        assertThat(Allocator.splitCount(9, Shares.history(nothingSold, ZeroHistoryPolicy.EQUAL_SHARES)).amounts())
                .containsExactly(Map.entry("a", BigDecimal.valueOf(3)), Map.entry("b", BigDecimal.valueOf(3)),
                        Map.entry("c", BigDecimal.valueOf(3)));
    }

    @Test
    void shouldKeepDeclarationOrderAndDeclaredValues() {
        Shares shares = Shares.weights(ordered("z", 3, "a", 1, "m", 2));

        assertThat(shares.keys()).containsExactly("z", "a", "m");
        assertThat(shares.indexOf("m")).isEqualTo(2);
        assertThat(shares.indexOf("nope")).isEqualTo(-1);
        assertThat(shares.declared("z")).isEqualByComparingTo("3");
    }

    @Test
    void shouldSortTheKeysOfAnUnorderedMapSoThatTiesBreakTheSameWayEveryRun() {
        Shares unordered = Shares.weights(Map.of("z", 1, "a", 1, "m", 1));
        Shares sorted = Shares.weights(new java.util.TreeMap<>(Map.of("z", 1, "a", 1, "m", 1)));

        assertThat(unordered.keys()).containsExactly("a", "m", "z");
        assertThat(sorted.keys()).containsExactly("a", "m", "z");
        assertThat(Allocator.splitCount(1, unordered).amount("a")).isEqualByComparingTo("1");
    }

    private static Map<String, BigDecimal> decimals(String commaSeparated) {
        Map<String, BigDecimal> map = new LinkedHashMap<>();
        List<String> values = new ArrayList<>(List.of(commaSeparated.split(",")));
        for (int i = 0; i < values.size(); i++) {
            map.put("c" + i, new BigDecimal(values.get(i).trim()));
        }
        return map;
    }
}

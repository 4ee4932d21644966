package io.attain.targets.domain.decomposition;

import io.attain.events.Money;
import io.attain.targets.domain.decomposition.DecompositionException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.attain.targets.domain.decomposition.SeedExamplesTest.cny;
import static io.attain.targets.domain.decomposition.SeedExamplesTest.ordered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllocatorTest {

    /**
     * Largest remainder: floor shares first, then one minor unit each to the largest remainders; equal
     * remainders go to the child declared first.
     */
    @ParameterizedTest(name = "{0} CNY by weights {1} → {2}")
    @CsvSource(delimiter = ';', value = {
            "100.00; 1,1,1; 33.34,33.33,33.33",
            "0.02; 1,1,1; 0.01,0.01,0.00",
            "0.01; 1,1; 0.01,0.00",
            "0.01; 1,2; 0.00,0.01",
            "10.00; 1,1,1,1,1,1,1; 1.43,1.43,1.43,1.43,1.43,1.43,1.42",
            "1.00; 1,2,3; 0.17,0.33,0.50",
            "1.00; 3,2,1; 0.50,0.33,0.17",
            "0.05; 2,2,1; 0.02,0.02,0.01",
            "0.04; 1,1,1; 0.02,0.01,0.01",
            "999999999.99; 1,1; 500000000.00,499999999.99",
            "1000.00; 0.2,0.3,0.5; 200.00,300.00,500.00",
            "100.00; 1.5,1.5,1; 37.50,37.50,25.00",
            "0.07; 1,1,1,1,1,1,1,1,1,1; 0.01,0.01,0.01,0.01,0.01,0.01,0.01,0.00,0.00,0.00"})
    void shouldSplitToTheCentWithLargestRemainderAndFirstDeclaredWinningTies(String parent, String weights, String expected) {
        Map<String, BigDecimal> byKey = keyed(weights);

        Allocation allocation = Allocator.split(cny(parent), Shares.weights(byKey));

        assertThat(allocation.amounts().values()).containsExactlyElementsOf(decimals(expected));
        assertThat(sum(allocation)).isEqualByComparingTo(parent);
    }

    @Test
    void shouldBreakTiesByDeclarationOrderNotByName() {
        Allocation zFirst = Allocator.split(cny("0.01"), Shares.equal("z", "a"));
        Allocation aFirst = Allocator.split(cny("0.01"), Shares.equal("a", "z"));

        assertThat(zFirst.money("z")).isEqualTo(cny("0.01"));
        assertThat(aFirst.money("a")).isEqualTo(cny("0.01"));
    }

    @Test
    void shouldSplitInTheCurrencysMinorUnit() {
        Allocation yen = Allocator.split(Money.of("100", "JPY"), Shares.equal("a", "b", "c"));
        Allocation dinar = Allocator.split(Money.of("1.000", "BHD"), Shares.equal("a", "b", "c"));

        assertThat(yen.amounts().values()).containsExactly(new BigDecimal("34"), new BigDecimal("33"), new BigDecimal("33"));
        assertThat(dinar.amounts().values())
                .containsExactly(new BigDecimal("0.334"), new BigDecimal("0.333"), new BigDecimal("0.333"));
    }

    @Test
    void shouldSplitCountsIntoWholeNumbers() {
        Allocation newCustomers = Allocator.splitCount(50, Shares.equal("rep-1", "rep-2", "rep-3"));

        assertThat(newCustomers.amounts().values())
                .containsExactly(BigDecimal.valueOf(17), BigDecimal.valueOf(17), BigDecimal.valueOf(16));
        assertThat(newCustomers.unit()).isEqualTo(ValueUnit.count());
        assertThatThrownBy(() -> newCustomers.money("rep-1")).isInstanceOfSatisfying(DecompositionException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.UNIT_MISMATCH));
    }

    @Test
    void shouldSplitByLastYearsActualsGivingNothingToWhoSoldNothing() {
        Shares lastYear = Shares.history(ordered("veteran", 3_000_000, "regular", 1_000_000, "new hire", 0),
                ZeroHistoryPolicy.REFUSE);

        Allocation split = Allocator.split(cny("5000000.00"), lastYear);

        assertThat(split.monies().values()).containsExactly(cny("3750000.00"), cny("1250000.00"), cny("0.00"));
    }

    @Test
    void shouldGivePinnedChildrenTheirPinAndShareTheRestByWeight() {
        Shares weights = Shares.weights(ordered("a", 1, "b", 1, "c", 2));

        Allocation split = Allocator.split(cny("1000.00"), weights, Map.of("b", cny("400.00")));

        assertThat(split.monies().values()).containsExactly(cny("200.00"), cny("400.00"), cny("400.00"));
        assertThat(split.pinnedKeys()).containsExactly("b");
    }

    @Test
    void shouldRedistributeAmongUnpinnedChildrenByTheirPercentages() {
        Shares regions = Shares.percentages(ordered("east", 50, "south", 30, "north", 20));

        Allocation split = Allocator.split(cny("100.00"), regions, Map.of("east", cny("60.00")));

        assertThat(split.monies().values()).containsExactly(cny("60.00"), cny("24.00"), cny("16.00"));
    }

    @Test
    void shouldAcceptPinsThatTakeTheWholeParent() {
        Allocation split = Allocator.split(cny("100.00"), Shares.equal("a", "b", "c"),
                Map.of("a", cny("70.00"), "c", cny("30.00")));

        assertThat(split.monies().values()).containsExactly(cny("70.00"), cny("0.00"), cny("30.00"));
    }

    @Test
    void shouldAcceptEveryChildPinnedWhenThePinsAddUpToTheParent() {
        Allocation split = Allocator.split(cny("100.00"), Shares.equal("a", "b"),
                Map.of("a", cny("99.99"), "b", cny("0.01")));

        assertThat(split.monies().values()).containsExactly(cny("99.99"), cny("0.01"));
    }

    @Test
    void shouldShareTheRestEquallyWhenUnpinnedChildrenHaveNoHistoryAndPolicySaysSo() {
        Map<String, Integer> actuals = ordered("star", 100, "new-1", 0, "new-2", 0);

        Allocation equal = Allocator.split(cny("10.00"), Shares.history(actuals, ZeroHistoryPolicy.EQUAL_SHARES),
                Map.of("star", cny("4.00")));

        assertThat(equal.monies().values()).containsExactly(cny("4.00"), cny("3.00"), cny("3.00"));
        assertThatThrownBy(() -> Allocator.split(cny("10.00"), Shares.history(actuals, ZeroHistoryPolicy.REFUSE),
                Map.of("star", cny("4.00"))))
                .isInstanceOfSatisfying(DecompositionException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.ALL_ZERO_HISTORY))
                .hasMessageContaining("[new-1, new-2]");
    }

    @ParameterizedTest(name = "parent {0} is refused")
    @CsvSource({"0.00", "-0.01", "-100"})
    void shouldRefuseZeroOrNegativeParent(String parent) {
        assertThatThrownBy(() -> Allocator.split(cny(parent), Shares.equal("a", "b")))
                .isInstanceOfSatisfying(DecompositionException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NON_POSITIVE_PARENT))
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> Allocator.splitCount(0, Shares.equal("a")))
                .isInstanceOfSatisfying(DecompositionException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NON_POSITIVE_PARENT));
    }

    @Test
    void shouldRefusePinsAddingUpToMoreThanTheParent() {
        assertThatThrownBy(() -> Allocator.split(cny("100.00"), Shares.equal("a", "b", "c"),
                Map.of("a", cny("60.00"), "b", cny("40.01"))))
                .isInstanceOfSatisfying(DecompositionException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.PINS_EXCEED_PARENT))
                .hasMessageContaining("100.01 CNY").hasMessageContaining("100.00 CNY");
    }

    @Test
    void shouldRefuseNegativePin() {
        assertThatThrownBy(() -> Allocator.split(cny("100.00"), Shares.equal("a", "b"), Map.of("a", cny("-1.00"))))
                .isInstanceOfSatisfying(DecompositionException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NEGATIVE_PIN))
                .hasMessageContaining("'a'");
    }

    @Test
    void shouldRefuseEveryChildPinnedBelowTheParent() {
        assertThatThrownBy(() -> Allocator.split(cny("100.00"), Shares.equal("a", "b"),
                Map.of("a", cny("50.00"), "b", cny("49.99"))))
                .isInstanceOfSatisfying(DecompositionException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.PINS_DO_NOT_MATCH_PARENT));
    }

    @Test
    void shouldRefusePinOnUnknownChild() {
        assertThatThrownBy(() -> Allocator.split(cny("100.00"), Shares.equal("a", "b"), Map.of("x", cny("1.00"))))
                .isInstanceOfSatisfying(DecompositionException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY))
                .hasMessageContaining("'x'");
    }

    @Test
    void shouldRefuseAmountsFinerThanTheMinorUnitInsteadOfRounding() {
        assertThatThrownBy(() -> Allocator.split(cny("100.005"), Shares.equal("a", "b")))
                .isInstanceOfSatisfying(DecompositionException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_DECIMALS));
        assertThatThrownBy(() -> Allocator.split(cny("100.00"), Shares.equal("a", "b"), Map.of("a", cny("1.001"))))
                .isInstanceOfSatisfying(DecompositionException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_DECIMALS));
    }

    @Test
    void shouldRefusePinsInAnotherCurrency() {
        assertThatThrownBy(() -> Allocator.split(cny("100.00"), Shares.equal("a", "b"),
                Map.of("a", Money.of("1.00", "USD"))))
                .isInstanceOfSatisfying(DecompositionException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNIT_MISMATCH));
    }

    @Test
    void shouldAcceptTrailingZerosBeyondTheMinorUnit() {
        Allocation split = Allocator.split(cny("100.0000"), Shares.equal("a", "b"));

        assertThat(split.money("a")).isEqualTo(cny("50.00"));
    }

    private static Map<String, BigDecimal> keyed(String commaSeparated) {
        Map<String, BigDecimal> map = new LinkedHashMap<>();
        List<BigDecimal> values = decimals(commaSeparated);
        for (int i = 0; i < values.size(); i++) {
            map.put("c" + i, values.get(i));
        }
        return map;
    }

    private static List<BigDecimal> decimals(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).map(BigDecimal::new).toList();
    }

    private static BigDecimal sum(Allocation allocation) {
        return allocation.amounts().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

package io.attain.incentive.domain;

import io.attain.events.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SplitAllocationTest {

    @Test
    void shouldKeepTheOrderOfTheSharesAndTheCurrencyScale() {
        Map<String, Money> shares = SplitAllocation.allocate(Money.of("1100000", "CNY"), percents("b", "70", "a", "30"));

        assertThat(shares.keySet()).containsExactly("b", "a");
        assertThat(shares.get("b").amount()).isEqualByComparingTo("770000").hasScaleOf(2);
        assertThat(shares.get("a").amount()).isEqualByComparingTo("330000").hasScaleOf(2);
    }

    @Test
    void shouldShareThreeDinarsOfKuwaitAtThreeDecimals() {
        Map<String, Money> shares = SplitAllocation.allocate(Money.of("1.000", "KWD"),
                percents("a", "33.33", "b", "33.33", "c", "33.34"));

        assertThat(shares.values()).containsExactly(Money.of("0.333", "KWD"), Money.of("0.333", "KWD"),
                Money.of("0.334", "KWD"));
    }

    @Test
    void shouldRefuseATotalFinerThanItsCurrency() {
        assertThatThrownBy(() -> SplitAllocation.allocate(Money.of("1.005", "CNY"), percents("a", "100")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("round it");
    }

    @Test
    void shouldRefuseNoShares() {
        assertThatThrownBy(() -> SplitAllocation.allocate(Money.of("1.00", "CNY"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseAZeroShare() {
        assertThatThrownBy(() -> SplitAllocation.allocate(Money.of("1.00", "CNY"), percents("a", "100", "b", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("above 0");
    }

    private static Map<String, BigDecimal> percents(String... memberAndPercent) {
        Map<String, BigDecimal> percents = new LinkedHashMap<>();
        for (int i = 0; i < memberAndPercent.length; i += 2) {
            percents.put(memberAndPercent[i], new BigDecimal(memberAndPercent[i + 1]));
        }
        return percents;
    }
}

package io.attain.events;

import com.fasterxml.jackson.databind.JsonMappingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.RoundingMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    @Test
    void addsDecimalsExactly() {
        Money sum = Money.zero("CNY");
        for (int i = 0; i < 10; i++) {
            sum = sum.plus(Money.of("0.10", "CNY"));
        }

        assertThat(sum).isEqualTo(Money.of("1.00", "CNY"));
        assertThat(sum.amount()).isEqualByComparingTo("1");
        assertThat(Money.of("0.1", "CNY").plus(Money.of("0.2", "CNY")).amount().toPlainString()).isEqualTo("0.3");
    }

    @Test
    void multipliesExactlyAndRoundsOnlyWhenAsked() {
        Money commission = Money.of("1100000.00", "CNY").times(new BigDecimal("0.015"));

        assertThat(commission.amount().toPlainString()).isEqualTo("16500.00000");
        assertThat(Money.of("333333.33", "CNY").times(new BigDecimal("0.015")).amount().toPlainString())
                .isEqualTo("4999.99995");
        assertThat(Money.of("333333.33", "CNY").times(new BigDecimal("0.015")).rounded(RoundingMode.HALF_UP))
                .isEqualTo(Money.of("5000.00", "CNY"));
    }

    @Test
    void subtractsIntoNegativeAmounts() {
        Money refund = Money.of("440000.00", "CNY").minus(Money.of("1100000.00", "CNY"));

        assertThat(refund).isEqualTo(Money.of("-660000.00", "CNY"));
        assertThat(refund.isNegative()).isTrue();
        assertThat(refund.negate()).isEqualTo(Money.of("660000.00", "CNY"));
        assertThat(Money.zero("CNY").isZero()).isTrue();
    }

    @Test
    void refusesToCombineCurrencies() {
        Money yuan = Money.of("100.00", "CNY");
        Money dollars = Money.of("100.00", "USD");

        assertThatThrownBy(() -> yuan.plus(dollars))
                .isInstanceOf(Money.CurrencyMismatchException.class)
                .hasMessageContaining("CNY").hasMessageContaining("USD");
        assertThatThrownBy(() -> yuan.minus(dollars)).isInstanceOf(Money.CurrencyMismatchException.class);
        assertThatThrownBy(() -> yuan.compareTo(dollars)).isInstanceOf(Money.CurrencyMismatchException.class);
        assertThat(yuan).isNotEqualTo(dollars);
    }

    @ParameterizedTest
    @CsvSource({
            "10.005, CNY, 10.01",
            "10.004, CNY, 10.00",
            "-10.005, CNY, -10.01",
            "16500.00000, CNY, 16500.00",
            "0.125, USD, 0.13",
            "1234.5, JPY, 1235",
            "1234.49, JPY, 1234",
            "-0.5, JPY, -1",
            "1.0005, KWD, 1.001"})
    void roundsHalfUpToTheMinorUnit(String amount, String currency, String expected) {
        Money rounded = Money.of(amount, currency).rounded(RoundingMode.HALF_UP);

        assertThat(rounded.amount().toPlainString()).isEqualTo(expected);
        assertThat(rounded.amount().scale()).isEqualTo(Money.minorUnits(currency));
    }

    @Test
    void knowsMinorUnits() {
        assertThat(Money.minorUnits("CNY")).isEqualTo(2);
        assertThat(Money.minorUnits("JPY")).isZero();
        assertThat(Money.minorUnits("KWD")).isEqualTo(3);
        assertThat(Money.zero("CNY").amount().toPlainString()).isEqualTo("0.00");
        assertThat(Money.zero("JPY").amount().toPlainString()).isEqualTo("0");
    }

    @Test
    void equalityIgnoresTrailingZeros() {
        Money ten = Money.of("10", "CNY");

        assertThat(Money.of("10.0", "CNY")).isEqualTo(Money.of("10.00", "CNY")).isEqualTo(ten);
        assertThat(Money.of("10.0", "CNY")).hasSameHashCodeAs(Money.of("10.00", "CNY")).hasSameHashCodeAs(ten);
        assertThat(Money.of("0.00", "CNY")).isEqualTo(Money.zero("CNY")).hasSameHashCodeAs(Money.of("0", "CNY"));
        assertThat(Money.of("10.00", "CNY")).isNotEqualTo(Money.of("10.01", "CNY"));
        assertThat(Money.of("10.0", "CNY").compareTo(Money.of("10.00", "CNY"))).isZero();
        assertThat(Money.of("9.99", "CNY")).isLessThan(ten);
    }

    @ParameterizedTest
    @ValueSource(strings = {"XYZ", "RMB", "cny", "CN", "CNYX", ""})
    void rejectsUnknownCurrencies(String currency) {
        assertThatThrownBy(() -> Money.of("1.00", currency)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Money.isKnownCurrency(currency)).isFalse();
    }

    @Test
    void rejectsMissingParts() {
        assertThatThrownBy(() -> Money.of((BigDecimal) null, "CNY")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Money.of(BigDecimal.ONE, null)).isInstanceOf(NullPointerException.class);
        assertThat(Money.isKnownCurrency(null)).isFalse();
        assertThat(Money.isKnownCurrency("CNY")).isTrue();
    }

    @Test
    void isWrittenAsAmountStringAndCurrency() throws Exception {
        String json = EventJson.mapper().writeValueAsString(Money.of("1000000.00", "CNY"));

        assertThat(json).isEqualTo("{\"amount\":\"1000000.00\",\"currency\":\"CNY\"}");
    }

    @Test
    void isWrittenInPlainNotationWhateverItsScale() throws Exception {
        assertThat(EventJson.mapper().writeValueAsString(Money.of(new BigDecimal("1E+6"), "CNY")))
                .isEqualTo("{\"amount\":\"1000000\",\"currency\":\"CNY\"}");
        assertThat(EventJson.mapper().writeValueAsString(Money.of(new BigDecimal("1E-7"), "CNY")))
                .isEqualTo("{\"amount\":\"0.0000001\",\"currency\":\"CNY\"}");
    }

    @Test
    void isWrittenTheSameByAMapperWithoutTheEventSettings() throws Exception {
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Money.of(new BigDecimal("1E+6"), "CNY")))
                .isEqualTo("{\"amount\":\"1000000\",\"currency\":\"CNY\"}");
    }

    @Test
    void isReadKeepingScale() throws Exception {
        Money money = EventJson.mapper().readValue("{\"amount\":\"1100000.00\",\"currency\":\"CNY\"}", Money.class);

        assertThat(money.amount().toPlainString()).isEqualTo("1100000.00");
        assertThat(money.currency()).isEqualTo("CNY");
        assertThat(EventJson.mapper().readValue("{\"amount\":1100000.10,\"currency\":\"CNY\"}", Money.class).amount())
                .isEqualTo(new BigDecimal("1100000.10"));
    }

    @Test
    void refusesToReadUnknownCurrenciesOrMissingAmounts() {
        assertThatThrownBy(() -> EventJson.mapper().readValue("{\"amount\":\"1.00\",\"currency\":\"RMB\"}", Money.class))
                .isInstanceOf(JsonMappingException.class);
        assertThatThrownBy(() -> EventJson.mapper().readValue("{\"currency\":\"CNY\"}", Money.class))
                .isInstanceOf(JsonMappingException.class);
    }

    @Test
    void printsPlainAmountAndCurrency() {
        assertThat(Money.of("1100000.00", "CNY")).hasToString("1100000.00 CNY");
    }
}

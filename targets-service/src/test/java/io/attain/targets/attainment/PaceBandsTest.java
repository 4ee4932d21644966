package io.attain.targets.attainment;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaceBandsTest {

    @ParameterizedTest(name = "actual {0} against expected {1} is {2}")
    @CsvSource({
            "110, 100, AHEAD",
            "150, 100, AHEAD",
            "109.99, 100, ON_TRACK",
            "95, 100, ON_TRACK",
            "94.99, 100, BEHIND",
            "80, 100, BEHIND",
            "79.99, 100, AT_RISK",
            "0, 100, AT_RISK",
            "0, 0, ON_TRACK",
            "5, 0, AHEAD",
    })
    void shouldClassifyByTheDefaultBands(String actual, String expected, PaceStatus status) {
        assertThat(PaceBands.DEFAULT.status(new BigDecimal(actual), new BigDecimal(expected))).isEqualTo(status);
    }

    @Test
    void shouldHonourConfiguredBands() {
        PaceBands strict = new PaceBands(new BigDecimal("1.00"), new BigDecimal("1.00"), new BigDecimal("0.50"));
        assertThat(strict.status(new BigDecimal("100"), new BigDecimal("100"))).isEqualTo(PaceStatus.AHEAD);
        assertThat(strict.status(new BigDecimal("99"), new BigDecimal("100"))).isEqualTo(PaceStatus.BEHIND);
        assertThat(strict.status(new BigDecimal("49"), new BigDecimal("100"))).isEqualTo(PaceStatus.AT_RISK);
    }

    @Test
    void shouldRejectBandsOutOfOrder() {
        assertThatThrownBy(() -> new PaceBands(new BigDecimal("0.9"), new BigDecimal("1.0"), new BigDecimal("0.5")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PaceBands(new BigDecimal("1.1"), new BigDecimal("0.9"), new BigDecimal("-0.1")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package io.attain.targets.attainment;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeasonalityTest {

    private static final LocalDate Q1_START = LocalDate.of(2026, 1, 1);
    private static final LocalDate Q1_END = LocalDate.of(2026, 3, 31);
    private static final BigDecimal QUARTER = new BigDecimal("3000000.00");

    /** The seed rep quarter: 800,000 / 1,000,000 / 1,200,000 across the months. */
    private static final List<Seasonality.Part> MONTHS = List.of(
            new Seasonality.Part(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), new BigDecimal("800000")),
            new Seasonality.Part(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28), new BigDecimal("1000000")),
            new Seasonality.Part(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31), new BigDecimal("1200000")));

    @Test
    void shouldExpectLinearlyByDayIncludingTheDayItself() {
        Seasonality linear = Seasonality.linear(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 10));
        assertThat(linear.expected(new BigDecimal("1000"), LocalDate.of(2026, 1, 1), 2)).isEqualByComparingTo("100.00");
        assertThat(linear.expected(new BigDecimal("1000"), LocalDate.of(2026, 1, 5), 2)).isEqualByComparingTo("500.00");
        assertThat(linear.byParts()).isFalse();
    }

    @Test
    void shouldExpectNothingBeforeAndEverythingFromTheLastDay() {
        Seasonality linear = Seasonality.linear(Q1_START, Q1_END);
        assertThat(linear.expected(QUARTER, LocalDate.of(2025, 12, 31), 2)).isEqualByComparingTo("0.00");
        assertThat(linear.expected(QUARTER, Q1_END, 2)).isEqualByComparingTo("3000000.00");
        assertThat(linear.expected(QUARTER, LocalDate.of(2026, 7, 1), 2)).isEqualByComparingTo("3000000.00");
    }

    @Test
    void shouldFollowMonthlyChildren() {
        Seasonality monthly = Seasonality.ofParts(Q1_START, Q1_END, MONTHS);
        assertThat(monthly.byParts()).isTrue();
        assertThat(monthly.expected(QUARTER, LocalDate.of(2026, 1, 31), 2)).isEqualByComparingTo("800000.00");
        assertThat(monthly.expected(QUARTER, LocalDate.of(2026, 2, 28), 2)).isEqualByComparingTo("1800000.00");
        // half of March: 1,800,000 + 1,200,000 × 15/31
        assertThat(monthly.expected(QUARTER, LocalDate.of(2026, 3, 15), 2)).isEqualByComparingTo("2380645.16");
        // linear would have expected 3,000,000 × 31/90 by the end of January
        assertThat(Seasonality.linear(Q1_START, Q1_END).expected(QUARTER, LocalDate.of(2026, 1, 31), 2))
                .isEqualByComparingTo("1033333.33");
    }

    @Test
    void shouldScaleChildrenThatNoLongerSumToTheParent() {
        List<Seasonality.Part> adjusted = List.of(
                new Seasonality.Part(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), new BigDecimal("1")),
                new Seasonality.Part(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 31), new BigDecimal("3")));
        assertThat(Seasonality.ofParts(Q1_START, Q1_END, adjusted).expected(new BigDecimal("400"),
                LocalDate.of(2026, 1, 31), 2)).isEqualByComparingTo("100.00");
    }

    @Test
    void shouldFallBackToLinearWhenChildrenDoNotTileThePeriod() {
        List<Seasonality.Part> gap = List.of(MONTHS.get(0), MONTHS.get(2));
        assertThat(Seasonality.ofParts(Q1_START, Q1_END, gap).byParts()).isFalse();
        List<Seasonality.Part> overlap = List.of(MONTHS.get(0), MONTHS.get(1), MONTHS.get(2),
                new Seasonality.Part(Q1_START, Q1_END, BigDecimal.ONE));
        assertThat(Seasonality.ofParts(Q1_START, Q1_END, overlap).byParts()).isFalse();
        List<Seasonality.Part> zero = MONTHS.stream()
                .map(p -> new Seasonality.Part(p.start(), p.end(), BigDecimal.ZERO)).toList();
        assertThat(Seasonality.ofParts(Q1_START, Q1_END, zero).byParts()).isFalse();
    }

    @Test
    void shouldRejectInvertedOrNegativeParts() {
        assertThatThrownBy(() -> new Seasonality.Part(Q1_END, Q1_START, BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Seasonality.Part(Q1_START, Q1_END, new BigDecimal("-1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldNeverExpectMoreThanTheTargetNorDecreaseOverTime() {
        Seasonality monthly = Seasonality.ofParts(Q1_START, Q1_END, MONTHS);
        BigDecimal previous = BigDecimal.ZERO;
        for (LocalDate day = Q1_START.minusDays(3); day.isBefore(Q1_END.plusDays(3)); day = day.plusDays(1)) {
            BigDecimal expected = monthly.expected(QUARTER, day, 2);
            assertThat(expected).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(QUARTER);
            previous = expected;
        }
        assertThat(previous).isEqualByComparingTo(QUARTER);
    }
}

package io.attain.targets.attainment;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttainmentCalculatorTest {

    private static final LocalDate START = LocalDate.of(2026, 1, 1);
    private static final LocalDate END = LocalDate.of(2026, 1, 10);
    private static final BigDecimal TARGET = new BigDecimal("1000.00");
    private static final AttainmentCalculator CALCULATOR =
            new AttainmentCalculator(PaceBands.DEFAULT, AttainmentCalculator.DEFAULT_MILESTONES);

    private static Attainment on(LocalDate asOf, Map<LocalDate, BigDecimal> daily) {
        return CALCULATOR.calculate(TARGET, 2, START, END, asOf, Seasonality.linear(START, END), daily);
    }

    private static Map<LocalDate, BigDecimal> days(Object... dayAndAmount) {
        Map<LocalDate, BigDecimal> daily = new TreeMap<>();
        for (int i = 0; i < dayAndAmount.length; i += 2) {
            daily.put(LocalDate.of(2026, 1, (Integer) dayAndAmount[i]), new BigDecimal((String) dayAndAmount[i + 1]));
        }
        return daily;
    }

    @Test
    void shouldReportActualPercentGapAndExpected() {
        Attainment a = on(LocalDate.of(2026, 1, 5), days(2, "300", 4, "150.50"));
        assertThat(a.actual()).isEqualByComparingTo("450.50");
        assertThat(a.percent()).isEqualByComparingTo("45.05");
        assertThat(a.gap()).isEqualByComparingTo("549.50");
        assertThat(a.expectedToDate()).isEqualByComparingTo("500.00");
        assertThat(a.expectedPercent()).isEqualByComparingTo("50.00");
        assertThat(a.pace()).isEqualTo(PaceStatus.BEHIND);
        assertThat(a.target()).isEqualByComparingTo("1000.00");
    }

    @Test
    void shouldIgnoreActualsAfterAsOfAndOutsideThePeriod() {
        Map<LocalDate, BigDecimal> daily = days(1, "100", 6, "900");
        daily.put(START.minusDays(1), new BigDecimal("5000"));
        daily.put(END.plusDays(1), new BigDecimal("5000"));
        assertThat(on(LocalDate.of(2026, 1, 5), daily).actual()).isEqualByComparingTo("100.00");
        assertThat(on(LocalDate.of(2026, 12, 31), daily).actual()).isEqualByComparingTo("1000.00");
    }

    @Test
    void shouldDateMilestonesWhenFirstReached() {
        Attainment a = on(LocalDate.of(2026, 1, 10), days(2, "500", 3, "250", 5, "100", 8, "400"));
        assertThat(a.milestones()).containsExactly(
                new Milestone(50, LocalDate.of(2026, 1, 2)),
                new Milestone(80, LocalDate.of(2026, 1, 5)),
                new Milestone(100, LocalDate.of(2026, 1, 8)),
                new Milestone(120, LocalDate.of(2026, 1, 8)));
        assertThat(a.percent()).isEqualByComparingTo("125.00");
        assertThat(a.gap()).isEqualByComparingTo("-250.00");
        assertThat(a.pace()).isEqualTo(PaceStatus.AHEAD);
    }

    @Test
    void shouldKeepAMilestoneReachedBeforeAReversal() {
        Attainment a = on(LocalDate.of(2026, 1, 10), days(2, "600", 3, "-200"));
        assertThat(a.actual()).isEqualByComparingTo("400.00");
        assertThat(a.milestones().getFirst()).isEqualTo(new Milestone(50, LocalDate.of(2026, 1, 2)));
        assertThat(a.milestones().get(1).reachedOn()).isNull();
    }

    @Test
    void shouldLeaveMilestonesOpenWithoutActuals() {
        Attainment a = on(LocalDate.of(2026, 1, 3), Map.of());
        assertThat(a.milestones()).extracting(Milestone::reachedOn).containsOnlyNulls();
        assertThat(a.actual()).isEqualByComparingTo("0.00");
        assertThat(a.pace()).isEqualTo(PaceStatus.AT_RISK);
    }

    @Test
    void shouldBeOnTrackBeforeThePeriodStarts() {
        Attainment a = on(LocalDate.of(2025, 12, 20), Map.of());
        assertThat(a.expectedToDate()).isEqualByComparingTo("0.00");
        assertThat(a.pace()).isEqualTo(PaceStatus.ON_TRACK);
    }

    @Test
    void shouldKeepCountsAtTwoDecimals() {
        Attainment a = new AttainmentCalculator(PaceBands.DEFAULT, List.of(100)).calculate(new BigDecimal("3"),
                AttainmentCalculator.COUNT_SCALE, START, END, END, Seasonality.linear(START, END), days(4, "1"));
        assertThat(a.actual().toPlainString()).isEqualTo("1.00");
        assertThat(a.percent().toPlainString()).isEqualTo("33.33");
        assertThat(a.target().toPlainString()).isEqualTo("3.00");
    }

    @Test
    void shouldRejectNonPositiveTargetsAndMilestones() {
        assertThatThrownBy(() -> CALCULATOR.calculate(BigDecimal.ZERO, 2, START, END, END,
                Seasonality.linear(START, END), Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AttainmentCalculator(PaceBands.DEFAULT, List.of(0, 50)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

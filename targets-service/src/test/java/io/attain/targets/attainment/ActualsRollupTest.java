package io.attain.targets.attainment;

import io.attain.targets.attainment.ActualsRollup.Cell;
import io.attain.targets.attainment.ActualsRollup.Total;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The differences the rollup is kept with: what a deal or member change adds to each cell. */
class ActualsRollupTest {

    private static final UUID TEAM = new UUID(1, 1);
    private static final UUID DEPARTMENT = new UUID(1, 2);
    private static final LocalDate FEB_10 = LocalDate.of(2026, 2, 10);
    private static final LocalDate MAR_10 = LocalDate.of(2026, 3, 10);

    private static Cell revenue(UUID unit, LocalDate day, String productLine) {
        return new Cell(unit, ActualSource.WON_REVENUE, "CNY", day, productLine, "华东", "KA", "直销", false);
    }

    @Test
    void shouldAddOnlyWhatChanged() {
        Map<Cell, BigDecimal> before = Map.of(revenue(TEAM, FEB_10, "A"), new BigDecimal("800000.00"),
                revenue(DEPARTMENT, FEB_10, "A"), new BigDecimal("800000.00"));
        Map<Cell, BigDecimal> after = Map.of(revenue(TEAM, FEB_10, "A"), new BigDecimal("800000.0000"),
                revenue(DEPARTMENT, FEB_10, "A"), new BigDecimal("900000.00"));

        assertThat(ActualsRollup.change(before, after))
                .containsExactly(Map.entry(revenue(DEPARTMENT, FEB_10, "A"), new BigDecimal("100000.00")));
    }

    @Test
    void shouldTakeBackAWinThatWasReopenedAndMoveOneWhoseDayOrDimensionsChanged() {
        Map<Cell, BigDecimal> won = Map.of(revenue(TEAM, FEB_10, "A"), new BigDecimal("500000.00"));

        assertThat(ActualsRollup.change(won, Map.of()))
                .containsExactly(Map.entry(revenue(TEAM, FEB_10, "A"), new BigDecimal("-500000.00")));
        Map<Cell, BigDecimal> moved = ActualsRollup.change(won, Map.of(revenue(TEAM, MAR_10, "B"),
                new BigDecimal("500000.00")));
        assertThat(moved).containsOnly(Map.entry(revenue(TEAM, FEB_10, "A"), new BigDecimal("-500000.00")),
                Map.entry(revenue(TEAM, MAR_10, "B"), new BigDecimal("500000.00")));
        // a product line changing moves the amount between detail cells but leaves the day's total alone
        Map<Cell, BigDecimal> relined = ActualsRollup.change(won, Map.of(revenue(TEAM, FEB_10, "B"),
                new BigDecimal("500000.00")));
        assertThat(relined).hasSize(2);
        assertThat(ActualsRollup.totals(relined)).isEmpty();
    }

    @Test
    void shouldSumTotalsOverTheDimensions() {
        Map<Cell, BigDecimal> cells = Map.of(revenue(TEAM, FEB_10, "A"), new BigDecimal("100.00"),
                revenue(TEAM, FEB_10, "B"), new BigDecimal("250.00"),
                revenue(TEAM, FEB_10, null), new BigDecimal("1.00"),
                revenue(TEAM, MAR_10, "A"), new BigDecimal("7.00"));

        assertThat(ActualsRollup.totals(cells)).containsOnly(
                Map.entry(new Total(TEAM, ActualSource.WON_REVENUE, "CNY", FEB_10), new BigDecimal("351.00")),
                Map.entry(new Total(TEAM, ActualSource.WON_REVENUE, "CNY", MAR_10), new BigDecimal("7.00")));
    }

    @Test
    void shouldOrderCellsTheSameWayWhateverTheirDimensions() {
        List<Cell> cells = new ArrayList<>(List.of(revenue(TEAM, FEB_10, null), revenue(TEAM, FEB_10, "A"),
                revenue(DEPARTMENT, FEB_10, "A"), revenue(TEAM, MAR_10, null)));
        cells.sort(ActualsRollup.CELL_ORDER);
        assertThat(cells).containsExactly(revenue(TEAM, FEB_10, null), revenue(TEAM, FEB_10, "A"),
                revenue(TEAM, MAR_10, null), revenue(DEPARTMENT, FEB_10, "A"));
    }

    /** Applying each step's difference to a running sum always gives the last step's contributions. */
    @Test
    void shouldReachTheLatestContributionsWhateverTheSequenceOfChanges() {
        Random random = new Random(20260223L);
        for (int round = 0; round < 200; round++) {
            Map<Cell, BigDecimal> rollup = new HashMap<>();
            Map<Cell, BigDecimal> current = Map.of();
            for (int step = 0; step < 20; step++) {
                Map<Cell, BigDecimal> next = new HashMap<>();
                for (int n = random.nextInt(4); n > 0; n--) {
                    next.merge(revenue(random.nextBoolean() ? TEAM : DEPARTMENT,
                                    FEB_10.plusDays(random.nextInt(3)), random.nextBoolean() ? "A" : null),
                            BigDecimal.valueOf(random.nextInt(2_000_000) - 500_000, 2), BigDecimal::add);
                }
                ActualsRollup.change(current, next).forEach((cell, value) -> rollup.merge(cell, value, BigDecimal::add));
                rollup.values().removeIf(value -> value.signum() == 0);
                current = next;
            }
            Map<Cell, BigDecimal> expected = new HashMap<>(current);
            expected.values().removeIf(value -> value.signum() == 0);
            assertThat(rollup.keySet()).isEqualTo(expected.keySet());
            expected.forEach((cell, value) -> assertThat(rollup.get(cell)).isEqualByComparingTo(value));
        }
    }
}

package io.attain.targets.attainment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Attainment of one target from its daily actuals. Money is kept at the currency's scale, counts at
 * {@link #COUNT_SCALE}; percentages are rounded HALF_UP to two decimals, the only rounding points besides
 * the expected-to-date (see {@link Seasonality#expected}).
 */
public final class AttainmentCalculator {

    /** Decimals of count targets' figures (a quantity target may carry decimals, e.g. 12.5 demos a month). */
    public static final int COUNT_SCALE = 2;
    public static final List<Integer> DEFAULT_MILESTONES = List.of(50, 80, 100, 120);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final PaceBands bands;
    private final List<Integer> milestonePercents;

    public AttainmentCalculator(PaceBands bands, List<Integer> milestonePercents) {
        this.bands = Objects.requireNonNull(bands, "bands");
        this.milestonePercents = milestonePercents.stream().sorted().distinct().toList();
        if (this.milestonePercents.stream().anyMatch(percent -> percent <= 0)) {
            throw new IllegalArgumentException("milestones must be positive percentages: " + milestonePercents);
        }
    }

    /**
     * @param target      the target value (> 0)
     * @param scale       decimals of the figures: the currency's minor units, or {@link #COUNT_SCALE}
     * @param periodStart first day of the target's period
     * @param periodEnd   last day of the target's period
     * @param asOf        the day to report on; actuals after it are ignored
     * @param daily       actual per day; days outside the period or after {@code asOf} are ignored
     */
    public Attainment calculate(BigDecimal target, int scale, LocalDate periodStart, LocalDate periodEnd,
                                LocalDate asOf, Seasonality seasonality, Map<LocalDate, BigDecimal> daily) {
        Objects.requireNonNull(target, "target");
        if (target.signum() <= 0) {
            throw new IllegalArgumentException("the target must be positive but is " + target.toPlainString());
        }
        LocalDate last = asOf.isBefore(periodEnd) ? asOf : periodEnd;
        NavigableMap<LocalDate, BigDecimal> counted = new TreeMap<>();
        daily.forEach((day, amount) -> {
            if (!day.isBefore(periodStart) && !day.isAfter(last)) {
                counted.merge(day, amount, BigDecimal::add);
            }
        });
        BigDecimal actual = counted.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(scale, RoundingMode.HALF_UP);
        BigDecimal goal = target.setScale(scale, RoundingMode.HALF_UP);
        BigDecimal expected = seasonality.expected(target, asOf, scale);
        return new Attainment(asOf, goal, actual, percentOf(actual, target), goal.subtract(actual), expected,
                percentOf(expected, target), bands.status(actual, expected), milestones(target, counted));
    }

    /** {@code part / whole × 100} to two decimals, HALF_UP. */
    public static BigDecimal percentOf(BigDecimal part, BigDecimal whole) {
        return part.multiply(HUNDRED).divide(whole, 2, RoundingMode.HALF_UP);
    }

    private List<Milestone> milestones(BigDecimal target, NavigableMap<LocalDate, BigDecimal> daily) {
        List<Milestone> milestones = new ArrayList<>(milestonePercents.size());
        BigDecimal cumulative = BigDecimal.ZERO;
        var days = daily.entrySet().iterator();
        Map.Entry<LocalDate, BigDecimal> day = null;
        for (int percent : milestonePercents) {
            BigDecimal threshold = target.multiply(BigDecimal.valueOf(percent)).divide(HUNDRED);
            // a reversal may dip the running total; a milestone stays reached on the first day it was met
            while (cumulative.compareTo(threshold) < 0 && days.hasNext()) {
                day = days.next();
                cumulative = cumulative.add(day.getValue());
            }
            milestones.add(new Milestone(percent, cumulative.compareTo(threshold) >= 0 && day != null ? day.getKey() : null));
        }
        return milestones;
    }
}

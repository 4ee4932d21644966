package io.attain.targets.attainment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A target node's standing on one day.
 *
 * @param target          the target value
 * @param actual          the actual from the period's first day through {@code asOf} (or the period's end)
 * @param percent         {@code actual / target × 100}, two decimals, HALF_UP
 * @param gap             {@code target − actual}; negative once the target is exceeded
 * @param expectedToDate  what the seasonality expected by the end of {@code asOf}
 * @param expectedPercent {@code expectedToDate / target × 100}, two decimals
 * @param pace            actual against expected-to-date, by the configured bands
 * @param milestones      the configured percentages with the day each was first reached
 */
public record Attainment(LocalDate asOf, BigDecimal target, BigDecimal actual, BigDecimal percent, BigDecimal gap,
                         BigDecimal expectedToDate, BigDecimal expectedPercent, PaceStatus pace,
                         List<Milestone> milestones) {
}

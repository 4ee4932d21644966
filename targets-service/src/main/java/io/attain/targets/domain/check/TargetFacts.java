package io.attain.targets.domain.check;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What the checks look at for one target, in plain values.
 *
 * @param metric     the metric's name, null when missing
 * @param money      whether the metric is measured in money
 * @param countable  whether the metric is a whole count (customers, deals, visits …)
 * @param rate       whether the metric is a rate in percent (renewal rate)
 * @param scoped     whether the target names whose it is (an org unit and/or a member)
 * @param value      the target: an amount for money metrics, a quantity otherwise
 * @param currency   the currency for money metrics
 * @param lastYear   last year's actual for the same scope, in the same unit, or null when unknown
 * @param pipeline   the open pipeline for the same scope and period, in the same unit, or null when unknown
 */
public record TargetFacts(String metric, boolean money, boolean countable, boolean rate, boolean scoped,
                          LocalDate periodStart, LocalDate periodEnd, BigDecimal value, String currency,
                          BigDecimal lastYear, BigDecimal pipeline) {
}

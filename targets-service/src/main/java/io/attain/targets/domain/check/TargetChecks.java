package io.attain.targets.domain.check;

import io.attain.events.Money;
import io.attain.targets.domain.check.Finding.Check;
import io.attain.targets.domain.check.Finding.Severity;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * SMART checks of a target (specific, measurable, time-bound) and its stretch against history: growth over
 * last year and coverage by the open pipeline, each flagged when outside the configured {@link CheckBands}.
 * Plain Java; the findings explain themselves so a planner can act on them.
 */
public final class TargetChecks {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final MathContext RATIO = new MathContext(12, RoundingMode.HALF_EVEN);

    private final CheckBands bands;

    public TargetChecks(CheckBands bands) {
        this.bands = Objects.requireNonNull(bands, "bands");
    }

    public List<Finding> check(TargetFacts facts) {
        List<Finding> findings = new ArrayList<>();
        findings.add(specific(facts));
        findings.add(measurable(facts));
        findings.add(timeBound(facts));
        findings.add(growth(facts));
        findings.add(coverage(facts));
        return findings;
    }

    /** True when no finding is an ERROR or a WARNING. */
    public static boolean passed(List<Finding> findings) {
        return findings.stream().allMatch(f -> f.severity() == Severity.OK || f.severity() == Severity.SKIPPED);
    }

    private Finding specific(TargetFacts facts) {
        if (facts.metric() == null) {
            return new Finding(Check.SPECIFIC, Severity.ERROR, "no metric: say what is measured", null);
        }
        if (!facts.scoped()) {
            return new Finding(Check.SPECIFIC, Severity.ERROR, "no scope: say whose target it is (org unit or member)", null);
        }
        return new Finding(Check.SPECIFIC, Severity.OK, facts.metric() + " for a named scope", null);
    }

    private Finding measurable(TargetFacts facts) {
        BigDecimal value = facts.value();
        if (value == null) {
            return new Finding(Check.MEASURABLE, Severity.ERROR, "no target value", null);
        }
        if (value.signum() <= 0) {
            return new Finding(Check.MEASURABLE, Severity.ERROR, "the target must be above zero but is " + value.toPlainString(), value);
        }
        if (facts.money()) {
            if (facts.currency() == null || !Money.isKnownCurrency(facts.currency())) {
                return new Finding(Check.MEASURABLE, Severity.ERROR, "a money target needs a known currency", value);
            }
            return new Finding(Check.MEASURABLE, Severity.OK, value.toPlainString() + " " + facts.currency(), value);
        }
        if (facts.countable() && value.stripTrailingZeros().scale() > 0) {
            return new Finding(Check.MEASURABLE, Severity.ERROR, facts.metric() + " is counted in whole units but the target is "
                    + value.toPlainString(), value);
        }
        if (facts.rate() && value.compareTo(HUNDRED) > 0) {
            return new Finding(Check.MEASURABLE, Severity.ERROR, "a rate in percent cannot exceed 100 but is " + value.toPlainString(), value);
        }
        return new Finding(Check.MEASURABLE, Severity.OK, value.stripTrailingZeros().toPlainString()
                + (facts.rate() ? " %" : ""), value);
    }

    private Finding timeBound(TargetFacts facts) {
        if (facts.periodStart() == null || facts.periodEnd() == null) {
            return new Finding(Check.TIME_BOUND, Severity.ERROR, "the period needs a start and an end", null);
        }
        if (facts.periodEnd().isBefore(facts.periodStart())) {
            return new Finding(Check.TIME_BOUND, Severity.ERROR, "the period ends " + facts.periodEnd()
                    + " before it starts " + facts.periodStart(), null);
        }
        long days = ChronoUnit.DAYS.between(facts.periodStart(), facts.periodEnd()) + 1;
        if (days > bands.maxPeriodDays()) {
            return new Finding(Check.TIME_BOUND, Severity.WARNING, "the period spans " + days + " days, more than "
                    + bands.maxPeriodDays() + ": split it so progress can be followed", BigDecimal.valueOf(days));
        }
        return new Finding(Check.TIME_BOUND, Severity.OK, facts.periodStart() + " to " + facts.periodEnd()
                + " (" + days + " days)", BigDecimal.valueOf(days));
    }

    private Finding growth(TargetFacts facts) {
        if (facts.lastYear() == null || facts.value() == null) {
            return new Finding(Check.GROWTH_VS_LAST_YEAR, Severity.SKIPPED, "no last-year actual to compare with", null);
        }
        if (facts.lastYear().signum() <= 0) {
            return new Finding(Check.GROWTH_VS_LAST_YEAR, Severity.SKIPPED,
                    "last year's actual was zero: growth cannot be measured", null);
        }
        BigDecimal exact = facts.value().subtract(facts.lastYear()).divide(facts.lastYear(), RATIO);
        BigDecimal growth = exact.setScale(4, RoundingMode.HALF_EVEN);
        String asPercent = percent(growth);
        if (exact.compareTo(bands.minGrowth()) < 0) {
            return new Finding(Check.GROWTH_VS_LAST_YEAR, Severity.WARNING, "growth " + asPercent + " over last year is below "
                    + percent(bands.minGrowth()) + ": the target may not stretch the team", growth);
        }
        if (exact.compareTo(bands.maxGrowth()) > 0) {
            return new Finding(Check.GROWTH_VS_LAST_YEAR, Severity.WARNING, "growth " + asPercent + " over last year is above "
                    + percent(bands.maxGrowth()) + ": the target may be out of reach", growth);
        }
        return new Finding(Check.GROWTH_VS_LAST_YEAR, Severity.OK, "growth " + asPercent + " over last year is within "
                + percent(bands.minGrowth()) + " to " + percent(bands.maxGrowth()), growth);
    }

    private Finding coverage(TargetFacts facts) {
        if (facts.pipeline() == null || facts.value() == null || facts.value().signum() <= 0) {
            return new Finding(Check.PIPELINE_COVERAGE, Severity.SKIPPED, "no pipeline figure to compare with", null);
        }
        BigDecimal exact = facts.pipeline().divide(facts.value(), RATIO);
        // compared unrounded, so 2.9999× is below a 3× band even though it reads 3.00×
        BigDecimal coverage = exact.setScale(2, RoundingMode.HALF_EVEN);
        if (exact.compareTo(bands.minPipelineCoverage()) < 0) {
            return new Finding(Check.PIPELINE_COVERAGE, Severity.WARNING, "the pipeline covers the target " + coverage.toPlainString()
                    + "×, less than " + bands.minPipelineCoverage().stripTrailingZeros().toPlainString()
                    + "×: more pipeline is needed to reach it", coverage);
        }
        return new Finding(Check.PIPELINE_COVERAGE, Severity.OK, "the pipeline covers the target " + coverage.toPlainString() + "×",
                coverage);
    }

    private static String percent(BigDecimal ratio) {
        return ratio.multiply(HUNDRED).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + " %";
    }
}

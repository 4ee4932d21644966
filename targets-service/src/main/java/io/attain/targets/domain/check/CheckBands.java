package io.attain.targets.domain.check;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Where a target's stretch counts as balanced (挑战性与可实现性平衡).
 *
 * @param minGrowth           growth over last year below which a target is too soft, e.g. 0.00
 * @param maxGrowth           growth over last year above which it is out of reach, e.g. 0.50 (+50 %)
 * @param minPipelineCoverage open pipeline ÷ target below which it is unlikely to be reached, e.g. 3.0
 * @param maxPeriodDays       longest period a single target may span and still count as time-bound
 */
public record CheckBands(BigDecimal minGrowth, BigDecimal maxGrowth, BigDecimal minPipelineCoverage, int maxPeriodDays) {

    public CheckBands {
        Objects.requireNonNull(minGrowth, "minGrowth");
        Objects.requireNonNull(maxGrowth, "maxGrowth");
        Objects.requireNonNull(minPipelineCoverage, "minPipelineCoverage");
        if (maxGrowth.compareTo(minGrowth) < 0) {
            throw new IllegalArgumentException("maxGrowth " + maxGrowth + " is below minGrowth " + minGrowth);
        }
        if (minPipelineCoverage.signum() < 0) {
            throw new IllegalArgumentException("minPipelineCoverage must not be negative");
        }
        if (maxPeriodDays < 1) {
            throw new IllegalArgumentException("maxPeriodDays must be at least 1");
        }
    }
}

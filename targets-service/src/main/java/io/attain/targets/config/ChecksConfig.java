package io.attain.targets.config;

import io.attain.targets.domain.check.CheckBands;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.math.BigDecimal;

/** Bands of the target checks ({@code attain.targets.checks.*}). */
@ConfigMapping(prefix = "attain.targets.checks")
public interface ChecksConfig {

    /** Growth over last year below which a target is flagged as too soft (0.00 = no growth). */
    @WithName("min-growth")
    @WithDefault("0.00")
    BigDecimal minGrowth();

    /** Growth over last year above which a target is flagged as out of reach (0.50 = +50 %). */
    @WithName("max-growth")
    @WithDefault("0.50")
    BigDecimal maxGrowth();

    /** Open pipeline ÷ target below which a target is flagged as under-covered. */
    @WithName("min-pipeline-coverage")
    @WithDefault("3.0")
    BigDecimal minPipelineCoverage();

    /** Longest period one target may span and still count as time-bound. */
    @WithName("max-period-days")
    @WithDefault("366")
    int maxPeriodDays();

    default CheckBands bands() {
        return new CheckBands(minGrowth(), maxGrowth(), minPipelineCoverage(), maxPeriodDays());
    }
}

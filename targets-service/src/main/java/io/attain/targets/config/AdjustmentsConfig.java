package io.attain.targets.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.math.BigDecimal;

/** Adjustments of published targets ({@code attain.targets.adjustments.*}). */
@ConfigMapping(prefix = "attain.targets.adjustments")
public interface AdjustmentsConfig {

    /** A change larger than this fraction of the old value (either way) waits for a higher manager's approval. */
    @WithName("approval-threshold")
    @WithDefault("0.10")
    BigDecimal approvalThreshold();

    /**
     * Days after a target's period ends during which it may still be adjusted (late bookings); after that the
     * period is closed and its targets are history.
     */
    @WithName("grace-days")
    @WithDefault("0")
    int graceDays();
}

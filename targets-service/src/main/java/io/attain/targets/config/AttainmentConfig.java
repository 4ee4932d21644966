package io.attain.targets.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;

/** Actuals, attainment and pacing ({@code attain.targets.attainment.*}). */
@ConfigMapping(prefix = "attain.targets.attainment")
public interface AttainmentConfig {

    /** The business time zone: a deal won at 23:30 there counts on that day, whatever UTC says. */
    @WithName("time-zone")
    @WithDefault("Asia/Shanghai")
    ZoneId timeZone();

    /** Milestone percentages reported with each attainment. */
    @WithDefault("50,80,100,120")
    List<Integer> milestones();

    Pace pace();

    /** Bands on actual / expected-to-date; below {@code behind-from} is AT_RISK. */
    interface Pace {
        @WithName("ahead-from")
        @WithDefault("1.10")
        BigDecimal aheadFrom();

        @WithName("on-track-from")
        @WithDefault("0.95")
        BigDecimal onTrackFrom();

        @WithName("behind-from")
        @WithDefault("0.80")
        BigDecimal behindFrom();
    }
}

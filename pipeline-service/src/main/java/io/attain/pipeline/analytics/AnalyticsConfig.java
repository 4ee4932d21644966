package io.attain.pipeline.analytics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.ZoneId;

@ConfigMapping(prefix = "attain.pipeline.analytics")
public interface AnalyticsConfig {

    /** The zone whose calendar days the {@code CREATED} period filter counts in. */
    @WithDefault("Asia/Shanghai")
    ZoneId timeZone();

    /** Reports read their deals into memory; a filter matching more deals than this is refused as too broad. */
    @WithDefault("50000")
    int maxDeals();

    /** How many deals must have reached a stage for it to be named the bottleneck. */
    @WithDefault("5")
    int bottleneckMinDeals();
}

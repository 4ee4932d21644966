package io.attain.pipeline.alerts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;

@ConfigMapping(prefix = "attain.pipeline.alerts")
public interface AlertsConfig {

    /** Days without a touch after which an open deal is stale, unless its stage says otherwise. */
    @WithDefault("30")
    int staleDays();

    /** Per open funnel stage, e.g. {@code attain.pipeline.alerts.stale-days-by-stage.NEGOTIATION=14}. */
    Map<String, Integer> staleDaysByStage();

    /** Days without a recorded contact after which an account raises an alert. */
    @WithDefault("30")
    int accountNoContactDays();
}

package io.attain.pipeline.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many days without a touch make an open deal stale, per stage: a default, overridden for the stages
 * configured otherwise (a deal in negotiation goes cold sooner than a fresh lead).
 */
public record StaleThresholds(int defaultDays, Map<String, Integer> byStage) {

    public StaleThresholds {
        checkDays("the default", defaultDays);
        byStage.forEach((stage, days) -> checkDays("stage " + stage, days));
        byStage = Map.copyOf(byStage);
    }

    /**
     * Thresholds from configuration, refusing stages that are not among {@code knownStages} so that a misspelt stage
     * fails at start-up instead of silently falling back to the default.
     */
    public static StaleThresholds of(int defaultDays, Map<String, Integer> byStage, Collection<String> knownStages) {
        TreeMap<String, Integer> checked = new TreeMap<>();
        byStage.forEach((stage, days) -> {
            if (!knownStages.contains(stage)) {
                throw new IllegalArgumentException("stale-days-by-stage names " + stage
                        + ", which is not an open stage; open stages: " + knownStages);
            }
            checked.put(stage, days);
        });
        return new StaleThresholds(defaultDays, checked);
    }

    public int daysFor(String stage) {
        return byStage.getOrDefault(stage, defaultDays);
    }

    /** A deal in {@code stage} last touched before this instant is stale at {@code asOf}. */
    public Instant cutoff(String stage, Instant asOf) {
        return asOf.minus(Duration.ofDays(daysFor(stage)));
    }

    private static void checkDays(String what, Integer days) {
        if (days == null || days < 1) {
            throw new IllegalArgumentException("stale days for " + what + " must be at least 1, not " + days);
        }
    }
}

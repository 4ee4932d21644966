package io.attain.pipeline.analytics;

import io.attain.events.Money;

import java.time.Instant;
import java.util.UUID;

/**
 * What the analytics need to know about one deal, as read from the database.
 *
 * @param probability      win probability 0–100, or {@code null} when the deal carries none (the stage's default applies)
 * @param forecastCategory the deal's forecast category, or {@code null} (derived from the probability then)
 * @param wonAt            when it was won, for booked deals
 * @param closedAt         when it was won or lost, for closed deals
 */
public record DealFacts(UUID id, String ownerId, String stage, Money amount, Integer probability,
                        String forecastCategory, Instant createdAt, Instant wonAt, Instant closedAt) {

    /** The probability that applies: the deal's own, or its stage's default in {@code funnel}. */
    public int effectiveProbability(FunnelDefinition funnel) {
        return probability != null ? probability : funnel.defaultProbability(stage);
    }
}

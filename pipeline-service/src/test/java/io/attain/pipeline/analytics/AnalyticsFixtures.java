package io.attain.pipeline.analytics;

import io.attain.events.Money;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Deals and stage steps for the calculation tests, with times counted in days from {@link #T0}. */
final class AnalyticsFixtures {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final FunnelDefinition FUNNEL = FunnelDefinition.DEFAULT;

    private AnalyticsFixtures() {
    }

    static Instant day(double days) {
        return T0.plus(Duration.ofSeconds(Math.round(days * 86_400)));
    }

    static DealFacts deal(String stage, String amount, String currency, Integer probability) {
        return deal(UUID.randomUUID(), stage, amount, currency, probability, null);
    }

    static DealFacts deal(UUID id, String stage, String amount, String currency, Integer probability, String category) {
        return new DealFacts(id, "rep-1", stage, Money.of(amount, currency), probability, category, T0, null, null);
    }

    static DealFacts closed(UUID id, String stage, double closedOnDay) {
        Instant at = day(closedOnDay);
        boolean won = FUNNEL.isBooked(stage);
        return new DealFacts(id, "rep-1", stage, Money.of("1000.00", "CNY"), won ? 100 : 0, null, T0,
                won ? at : null, at);
    }

    static StageStep step(UUID deal, String from, String to, double onDay) {
        return new StageStep(deal, from, to, day(onDay));
    }
}

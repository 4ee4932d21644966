package io.attain.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The state of a deal as pipeline-service holds it after a change.
 *
 * @param stage            one of the pipeline's stage codes, e.g. {@code LEAD}, {@code WON}, {@code LOST}
 * @param probability      win probability in percent, 0–100
 * @param forecastCategory {@code PIPELINE}, {@code BEST_CASE}, {@code COMMIT}, {@code CLOSED} or {@code OMITTED}
 * @param splits           credit splits; percentages sum to exactly 100 and name at least the owner
 * @param collected        sum of payments received net of reversals, in the deal currency
 * @param wonAt            when the deal last entered {@code WON}, or {@code null}
 */
public record DealSnapshot(
        UUID id,
        long version,
        String name,
        UUID accountId,
        String ownerId,
        Money amount,
        String productLine,
        String channel,
        String region,
        String customerTier,
        boolean newCustomer,
        LocalDate expectedCloseDate,
        String stage,
        int probability,
        String forecastCategory,
        List<CreditSplit> splits,
        Money collected,
        Instant createdAt,
        Instant wonAt,
        Instant closedAt,
        ExternalRef external) {

    public DealSnapshot {
        splits = splits == null ? List.of() : List.copyOf(splits);
    }

    /**
     * Whether revenue is booked: the deal is won, and possibly already collected. Derived, so never
     * written to JSON.
     */
    @JsonIgnore
    public boolean isBooked() {
        return "WON".equals(stage) || "COLLECTED".equals(stage);
    }
}

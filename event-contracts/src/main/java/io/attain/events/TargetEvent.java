package io.attain.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A target as published, or as it stands after an adjustment.
 *
 * @param version          the target's version; each adjustment increments it
 * @param metric           {@code REVENUE}, {@code GROSS_PROFIT}, {@code NEW_CUSTOMERS}, {@code DEAL_COUNT},
 *                         {@code COLLECTIONS}, {@code RENEWAL_RATE}, {@code LEADS}, {@code VISITS},
 *                         {@code DEMOS} or {@code PROPOSALS}; the money metrics are {@code REVENUE},
 *                         {@code GROSS_PROFIT} and {@code COLLECTIONS}, {@code RENEWAL_RATE} is a rate in
 *                         percent, the others are counts
 * @param scope            whose target this is: an org unit, a member, or both, plus fixed dimensions
 * @param value            the target for money metrics, otherwise {@code null}
 * @param quantity         the target for count and rate metrics, otherwise {@code null}
 * @param previousValue    for adjustments of money metrics: the value before, otherwise {@code null}
 * @param previousQuantity for adjustments of count and rate metrics: the quantity before, otherwise
 *                         {@code null}
 * @param reason           for adjustments: why it changed, otherwise {@code null}
 */
public record TargetEvent(
        UUID targetId,
        long version,
        UUID planId,
        String metric,
        LocalDate periodStart,
        LocalDate periodEnd,
        TargetScope scope,
        Money value,
        @JsonFormat(shape = JsonFormat.Shape.STRING) @JsonSerialize(using = PlainDecimalSerializer.class) BigDecimal quantity,
        Money previousValue,
        @JsonFormat(shape = JsonFormat.Shape.STRING) @JsonSerialize(using = PlainDecimalSerializer.class) BigDecimal previousQuantity,
        String reason,
        String actor,
        Instant occurredAt) {

    /**
     * The constructor from before {@code previousQuantity} existed, kept so that code written against it
     * still compiles; an event built with it carries no previous quantity.
     */
    public TargetEvent(UUID targetId, long version, UUID planId, String metric, LocalDate periodStart,
                       LocalDate periodEnd, TargetScope scope, Money value, BigDecimal quantity,
                       Money previousValue, String reason, String actor, Instant occurredAt) {
        this(targetId, version, planId, metric, periodStart, periodEnd, scope, value, quantity, previousValue,
                null, reason, actor, occurredAt);
    }

    /**
     * @param orgUnitId  the org unit the target belongs to
     * @param memberId   the member (Keycloak user id) for a personal target, otherwise {@code null}
     * @param dimensions fixed dimension values of this node, e.g. {@code productLine=A}, {@code region=EAST};
     *                   kept sorted by name so that one target always serialises to the same JSON
     */
    public record TargetScope(UUID orgUnitId, String memberId, Map<String, String> dimensions) {
        public TargetScope {
            dimensions = dimensions == null
                    ? Map.of()
                    : Collections.unmodifiableSortedMap(new TreeMap<>(Map.copyOf(dimensions)));
        }
    }
}

package io.attain.targets.api;

import io.attain.events.Money;
import io.attain.targets.domain.TargetAdjustment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the adjustment endpoints of {@link TargetResource}. */
public final class AdjustmentDtos {

    /**
     * @param newValue    the new target of a money metric, in the target's currency
     * @param newQuantity the new target of a count or rate metric
     * @param reason      why (kept forever in the target's history)
     */
    public record AdjustTarget(
            @Valid Money newValue,
            BigDecimal newQuantity,
            @NotBlank @Size(max = 2000) String reason) {
    }

    /** @param note why the approver decided so */
    public record Decision(@Size(max = 2000) String note) {
    }

    /**
     * @param changeRatio     (new − old) ÷ old, e.g. 0.15 for +15 %
     * @param appliedVersion  the target's version once applied; absent while pending or when rejected
     */
    public record AdjustmentView(UUID id, UUID targetId, TargetAdjustment.Status status, Money oldValue,
                                 Money newValue, BigDecimal oldQuantity, BigDecimal newQuantity, BigDecimal changeRatio,
                                 String reason, String requestedBy, Instant requestedAt, String decidedBy,
                                 Instant decidedAt, String decisionNote, Long appliedVersion) {
        public static AdjustmentView of(TargetAdjustment a) {
            return new AdjustmentView(a.id, a.targetId, a.status, a.oldValue(), a.newValue(), Quantities.plain(a.oldQuantity),
                    Quantities.plain(a.newQuantity), Quantities.plain(a.changeRatio), a.reason, a.requestedBy, a.requestedAt,
                    a.decidedBy, a.decidedAt, a.decisionNote, a.appliedVersion);
        }

    }

    /** @param adjustments every adjustment requested, oldest first, whatever became of it */
    public record AdjustmentHistoryView(UUID targetId, long version, List<AdjustmentView> adjustments) {
    }

    private AdjustmentDtos() {
    }
}

package io.attain.targets.domain;

import io.attain.events.Money;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One requested change of a published target: who asked, when, why, the value before and after. APPLIED
 * rows changed the target; a PENDING row waits for a higher manager and becomes APPLIED or REJECTED once.
 */
@Entity
@Table(name = "target_adjustment")
public class TargetAdjustment extends PanacheEntityBase {

    public enum Status { APPLIED, PENDING, REJECTED }

    @Id
    public UUID id;

    @Column(name = "target_id", nullable = false)
    public UUID targetId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "old_amount", precision = 19, scale = 4)
    public BigDecimal oldAmount;

    @Column(name = "new_amount", precision = 19, scale = 4)
    public BigDecimal newAmount;

    public String currency;

    @Column(name = "old_quantity", precision = 19, scale = 4)
    public BigDecimal oldQuantity;

    @Column(name = "new_quantity", precision = 19, scale = 4)
    public BigDecimal newQuantity;

    @Column(name = "change_ratio", nullable = false, precision = 19, scale = 6)
    public BigDecimal changeRatio;

    @Column(nullable = false)
    public String reason;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decision_note")
    public String decisionNote;

    @Column(name = "applied_version")
    public Long appliedVersion;

    public Money oldValue() {
        return oldAmount == null ? null : Money.of(oldAmount, currency).rounded(RoundingMode.UNNECESSARY);
    }

    public Money newValue() {
        return newAmount == null ? null : Money.of(newAmount, currency).rounded(RoundingMode.UNNECESSARY);
    }

    public static List<TargetAdjustment> historyOf(UUID targetId) {
        return list("targetId = ?1 order by requestedAt, id", targetId);
    }
}

package io.attain.incentive.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;
import java.util.UUID;

/**
 * One calculation of a period's statements, of every member ({@link Scope#PERIOD}) or of some ({@link Scope#MEMBERS}).
 * Kept for history; the period's current run is its newest, and {@link CurrentStatement} names each member's statement
 * shown.
 */
@Entity
@Table(name = "calculation_run")
@Immutable
public class CalculationRun extends PanacheEntityBase {

    /** What started a run. */
    public enum Trigger {
        /** Finance or an admin asked for it. */
        REQUEST,
        /** The ledger, a quota or a plan changed for an open period. */
        AUTO,
        /** The final calculation in the transaction that closes the period. */
        CLOSE
    }

    /** Whose statements a run holds. */
    public enum Scope {
        /** Every member assigned a plan in the period. */
        PERIOD,
        /** The members a ledger, quota or org change concerned; the others keep their statements from earlier runs. */
        MEMBERS
    }

    @Id
    public UUID id;

    @Column(name = "period_id", nullable = false)
    public UUID periodId;

    /** 1, 2, 3… within the period. */
    @Column(nullable = false)
    public int number;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Trigger trigger;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Scope scope;

    @Column(name = "requested_by")
    public String requestedBy;

    /** The newest credit entry the run saw. */
    @Column(name = "ledger_seq", nullable = false)
    public long ledgerSeq;

    @Column(name = "calculated_at", nullable = false)
    public Instant calculatedAt;
}

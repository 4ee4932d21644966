package io.attain.incentive.domain;

import io.attain.incentive.domain.commission.CommissionPeriod;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A commission period (e.g. a quarter). Its statements are those of its current calculation run; earlier
 * runs are kept. Periods never overlap, so every day belongs to at most one.
 */
@Entity
@Table(name = "commission_period")
public class Period extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(name = "period_start", nullable = false)
    public LocalDate start;

    @Column(name = "period_end", nullable = false)
    public LocalDate end;

    /** The currency finance reports the period in; {@code null} when the plans' currencies are reported as they are. */
    public String currency;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PeriodStatus status;

    @Column(name = "current_run_id")
    public UUID currentRunId;

    /** Aggregate version of the period's events on {@code incentive.commission-events.v1}. */
    @Column(name = "event_version", nullable = false)
    public long eventVersion;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "calculated_at")
    public Instant calculatedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "closed_by")
    public String closedBy;

    @Version
    public long version;

    public CommissionPeriod window() {
        return new CommissionPeriod(name, start, end);
    }

    public boolean isClosed() {
        return status == PeriodStatus.CLOSED;
    }

    /** The period, locked against concurrent calculation and closing until the transaction ends. */
    public static Optional<Period> lockedById(UUID id) {
        return Optional.ofNullable(findById(id, LockModeType.PESSIMISTIC_WRITE));
    }

    public static List<Period> overlapping(LocalDate start, LocalDate end) {
        return list("start <= ?2 and end >= ?1 order by start", start, end);
    }

    /**
     * Periods still taking changes (OPEN or CALCULATED), earliest first, each locked like {@link #lockedById}, in one
     * statement (in that order).
     */
    public static List<Period> notClosedLocked() {
        return find("status <> ?1 order by start", PeriodStatus.CLOSED).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}

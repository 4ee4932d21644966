package io.attain.incentive.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A member paid by a plan from {@link #periodStart} to {@link #periodEnd} (both included); never two plans on one day. */
@Entity
@Table(name = "plan_assignment")
public class PlanAssignment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "plan_id", nullable = false)
    public UUID planId;

    @Column(name = "member_id", nullable = false)
    public String memberId;

    @Column(name = "period_start", nullable = false)
    public LocalDate periodStart;

    @Column(name = "period_end", nullable = false)
    public LocalDate periodEnd;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The member's assignments that share at least one day with {@code start}..{@code end}. */
    public static List<PlanAssignment> overlapping(String memberId, LocalDate start, LocalDate end) {
        return list("memberId = ?1 and periodStart <= ?3 and periodEnd >= ?2 order by periodStart", memberId, start, end);
    }

    /** Every assignment sharing a day with {@code start}..{@code end}, by member. */
    public static List<PlanAssignment> overlapping(LocalDate start, LocalDate end) {
        return list("periodStart <= ?2 and periodEnd >= ?1 order by memberId, periodStart", start, end);
    }

    /** The member's assignment covering {@code day}. */
    public static Optional<PlanAssignment> on(String memberId, LocalDate day) {
        return find("memberId = ?1 and periodStart <= ?2 and periodEnd >= ?2", memberId, day).firstResultOptional();
    }
}

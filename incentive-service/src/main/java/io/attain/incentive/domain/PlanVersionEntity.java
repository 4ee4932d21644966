package io.attain.incentive.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One version of a plan's terms, effective from a date until the next version's date. Once a calculated
 * statement used it ({@link #usedAt} set) it is never changed: a change is a new version.
 */
@Entity
@Table(name = "plan_version")
public class PlanVersionEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "plan_id", nullable = false)
    public UUID planId;

    /** 1, 2, 3… within the plan. */
    @Column(nullable = false)
    public int number;

    @Column(name = "effective_from", nullable = false)
    public LocalDate effectiveFrom;

    /** {@link PlanTerms} as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String terms;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "used_at")
    public Instant usedAt;

    @Version
    public long version;

    public boolean used() {
        return usedAt != null;
    }

    public static List<PlanVersionEntity> ofPlan(UUID planId) {
        return list("planId = ?1 order by number", planId);
    }
}

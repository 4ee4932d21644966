package io.attain.targets.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One period during which a person belonged to one org unit in one role. A member's history is the list of
 * these in date order; only the last may be open (no {@code effectiveTo}). Closing is the one change a row
 * ever sees, so the history reads the same later as it did at the time.
 */
@Entity
@Table(name = "membership")
public class Membership extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "member_id", nullable = false)
    public String memberId;

    @Column(name = "org_unit_id", nullable = false)
    public UUID orgUnitId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Member.Role role;

    @Column(name = "effective_from", nullable = false)
    public LocalDate effectiveFrom;

    @Column(name = "effective_to")
    public LocalDate effectiveTo;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static List<Membership> historyOf(String memberId) {
        return list("memberId = ?1 order by effectiveFrom, createdAt", memberId);
    }

    public static Optional<Membership> openOf(String memberId) {
        return find("memberId = ?1 and effectiveTo is null", memberId).firstResultOptional();
    }

    public static long countOpenIn(UUID orgUnitId) {
        return count("orgUnitId = ?1 and effectiveTo is null", orgUnitId);
    }
}

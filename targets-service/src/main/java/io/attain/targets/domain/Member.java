package io.attain.targets.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A rep or manager, identified by their Keycloak user id, with their latest membership (unit, role, dates);
 * the full effective-dated history is in {@link Membership}.
 */
@Entity
@Table(name = "member")
public class Member extends PanacheEntityBase {

    public enum Role { REP, MANAGER }

    @Id
    @Column(name = "member_id")
    public String memberId;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    public String email;

    @Column(name = "org_unit_id", nullable = false)
    public UUID orgUnitId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Role role;

    @Column(name = "effective_from", nullable = false)
    public LocalDate effectiveFrom;

    @Column(name = "effective_to")
    public LocalDate effectiveTo;

    /** False once the person has left the organisation (their last membership is closed). */
    @Column(nullable = false)
    public boolean active = true;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}

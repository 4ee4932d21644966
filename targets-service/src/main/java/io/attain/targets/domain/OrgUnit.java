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
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A node of the sales organisation: the company, a department such as 大客户部, or a team. */
@Entity
@Table(name = "org_unit")
public class OrgUnit extends PanacheEntityBase {

    public enum Kind { COMPANY, DEPARTMENT, TEAM }

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(name = "parent_id")
    public UUID parentId;

    /** Ids from the root down to this unit, '/'-separated. */
    @Column(nullable = false)
    public String path;

    @Column(name = "manager_id")
    public String managerId;

    @Column(nullable = false)
    public boolean active = true;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public List<UUID> pathIds() {
        return Arrays.stream(path.split("/")).map(UUID::fromString).toList();
    }

    /** Whether {@code other} is this unit or lies below it. */
    public boolean contains(OrgUnit other) {
        return other.path.equals(path) || other.path.startsWith(path + "/");
    }

    public static List<OrgUnit> managedBy(String managerId) {
        return list("managerId", managerId);
    }
}

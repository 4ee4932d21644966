package io.attain.pipeline.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/**
 * A call, visit, demo, proposal or meeting (拜访 / 演示 / 提案) with a customer. Its type, time and notes can be corrected;
 * the deal and account it concerns and who did it stay as recorded.
 */
@Entity
@Table(name = "activity")
public class Activity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Type type;

    @Column(name = "deal_id")
    public UUID dealId;

    @Column(name = "account_id")
    public UUID accountId;

    /** Who did it: the caller who recorded it. */
    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    public String notes;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public enum Type { CALL, VISIT, DEMO, PROPOSAL, MEETING }
}

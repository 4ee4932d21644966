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

/** A customer (客户) owned by one rep; deals and contacts hang off it. */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    public String industry;

    @Enumerated(EnumType.STRING)
    @Column(name = "company_size")
    public SizeBand size;

    public String region;

    @Enumerated(EnumType.STRING)
    public Tier tier;

    @Enumerated(EnumType.STRING)
    public Segment segment;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Column(name = "source_channel")
    public String sourceChannel;

    @Column(name = "external_system")
    public String externalSystem;

    @Column(name = "external_id")
    public String externalId;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Set by activities, not by clients; the "no contact for N days" alert reads it. */
    @Column(name = "last_contacted_at")
    public Instant lastContactedAt;

    /**
     * The latest activity recorded on the account. Written by the activity service with a plain update, never from
     * here, so that recording an activity changes neither the account's version nor its ETag.
     */
    @Column(name = "last_activity_at", insertable = false, updatable = false)
    public Instant lastActivityAt;

    /** Value tier: A the most valuable. */
    public enum Tier { A, B, C }

    /** Customer segment: KA 大客户, MID 腰部, LONG_TAIL 长尾. */
    public enum Segment { KA, MID, LONG_TAIL }

    /** Employees: MICRO under 20, SMALL 20–99, MEDIUM 100–999, LARGE 1,000–9,999, ENTERPRISE 10,000 and more. */
    public enum SizeBand { MICRO, SMALL, MEDIUM, LARGE, ENTERPRISE }
}

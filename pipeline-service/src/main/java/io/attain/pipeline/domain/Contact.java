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

/** A person at a customer and their place in its buying committee; belongs to one account for good. */
@Entity
@Table(name = "contact")
public class Contact extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(nullable = false)
    public String name;

    public String title;

    public String email;

    public String phone;

    @Enumerated(EnumType.STRING)
    @Column(name = "buying_role")
    public BuyingRole buyingRole;

    @Enumerated(EnumType.STRING)
    public Stance stance;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Role in the buying committee: 决策者, 技术评估, 采购, 使用者, 影响者. */
    public enum BuyingRole { DECISION_MAKER, TECHNICAL, PURCHASING, USER, INFLUENCER }

    /** Attitude towards our offer: 支持, 中立, 反对. */
    public enum Stance { SUPPORTER, NEUTRAL, BLOCKER }
}

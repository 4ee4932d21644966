package io.attain.targets.domain;

import io.attain.events.Money;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A target for one metric over one period, for an org unit or one of its members. */
@Entity
@Table(name = "target")
public class Target extends PanacheEntityBase {

    public enum Status { DRAFT, PUBLISHED }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Metric metric;

    @Column(name = "period_start", nullable = false)
    public LocalDate periodStart;

    @Column(name = "period_end", nullable = false)
    public LocalDate periodEnd;

    @Column(name = "org_unit_id", nullable = false)
    public UUID orgUnitId;

    @Column(name = "member_id")
    public String memberId;

    @Column(name = "value_amount", precision = 19, scale = 4)
    public BigDecimal valueAmount;

    public String currency;

    @Column(precision = 19, scale = 4)
    public BigDecimal quantity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Version
    public long version;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    /** The plan whose decomposition produced this target; null for a target drafted on its own. */
    @Column(name = "plan_id")
    public UUID planId;

    /** The node above this one in the plan's decomposition; null for a plan's root and for lone targets. */
    @Column(name = "parent_id")
    public UUID parentId;

    /** The decomposition level that produced this node; null for a root. */
    @Column(name = "level_name")
    public String levelName;

    /** Keys from the plan's root down to this node; empty for the root, null for lone targets. */
    @Convert(converter = JsonColumns.PathConverter.class)
    @Column(name = "node_path")
    public List<String> nodePath;

    /** Fixed dimension values of this node: productLine, region, customerTier, channel, newVsExisting. */
    @Convert(converter = JsonColumns.DimensionsConverter.class)
    @Column(nullable = false)
    public Map<String, String> dimensions = Map.of();

    /** The target value as a plain decimal: the money amount or the quantity. */
    public BigDecimal amountOrQuantity() {
        return valueAmount != null ? valueAmount : quantity;
    }

    public Money value() {
        return valueAmount == null ? null : Money.of(valueAmount, currency).rounded(java.math.RoundingMode.UNNECESSARY);
    }
}

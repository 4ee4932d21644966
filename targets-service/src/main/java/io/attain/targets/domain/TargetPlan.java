package io.attain.targets.domain;

import io.attain.events.Money;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A target plan: one metric over one fiscal period for an org unit, or for one member of it. Its targets
 * are the nodes of its decomposition; they stay drafts until the plan is published.
 */
@Entity
@Table(name = "target_plan")
public class TargetPlan extends PanacheEntityBase {

    public enum Status { DRAFT, PUBLISHED }

    @Id
    public UUID id;

    public String name;

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

    @Column(name = "last_year_amount", precision = 19, scale = 4)
    public BigDecimal lastYearAmount;

    @Column(name = "last_year_quantity", precision = 19, scale = 4)
    public BigDecimal lastYearQuantity;

    @Column(name = "pipeline_amount", precision = 19, scale = 4)
    public BigDecimal pipelineAmount;

    @Column(name = "pipeline_quantity", precision = 19, scale = 4)
    public BigDecimal pipelineQuantity;

    /** The decomposition request (JSON) the plan's targets were produced from; null while undecomposed. */
    public String decomposition;

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

    public Money value() {
        return money(valueAmount);
    }

    public Money lastYearValue() {
        return money(lastYearAmount);
    }

    public Money pipelineValue() {
        return money(pipelineAmount);
    }

    /** The plan total as a plain decimal: the money amount or the quantity. */
    public BigDecimal amountOrQuantity() {
        return valueAmount != null ? valueAmount : quantity;
    }

    private Money money(BigDecimal amount) {
        return amount == null ? null : Money.of(amount, currency).rounded(RoundingMode.UNNECESSARY);
    }
}

package io.attain.incentive.domain;

import io.attain.events.Money;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A published target as incentive-service knows it: the quota that attainment (and so commission tiers)
 * will be measured against. Copied from targets-service's events; only a newer version replaces it.
 */
@Entity
@Table(name = "quota")
public class Quota extends PanacheEntityBase {

    @Id
    @Column(name = "target_id")
    public UUID targetId;

    /** The target's version in targets-service (not an optimistic lock of this table). */
    @Column(nullable = false)
    public long version;

    /** The member for a personal quota; {@code null} for an org unit's quota. */
    @Column(name = "member_id")
    public String memberId;

    @Column(name = "org_unit_id", nullable = false)
    public UUID orgUnitId;

    @Column(nullable = false)
    public String metric;

    @Column(name = "period_start", nullable = false)
    public LocalDate periodStart;

    @Column(name = "period_end", nullable = false)
    public LocalDate periodEnd;

    /** The quota of a money metric, with {@link #currency}. */
    @Column(precision = 19, scale = 4)
    public BigDecimal amount;

    public String currency;

    /** The quota of a count or rate metric. */
    @Column(precision = 19, scale = 4)
    public BigDecimal quantity;

    public Money value() {
        if (amount == null) {
            return null;
        }
        Money stored = Money.of(amount, currency);
        // Stored with four decimals; show the currency's scale unless the target itself was finer.
        return amount.stripTrailingZeros().scale() <= Money.minorUnits(currency)
                ? stored.rounded(RoundingMode.UNNECESSARY) : stored;
    }
}

package io.attain.incentive.domain;

import io.attain.events.Money;
import io.attain.incentive.domain.commission.CommissionComponent;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.UUID;

/**
 * One line of the commission ledger: a line of a statement in a calculation run, with the plan version,
 * rule, rate, basis and attainment that produced it and its explanation. Append-only (the table refuses
 * updates and deletes): a recalculation writes a new run.
 */
@Entity
@Table(name = "commission_line")
@Immutable
public class CommissionLineEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(name = "statement_id", nullable = false)
    public UUID statementId;

    @Column(name = "run_id", nullable = false)
    public UUID runId;

    @Column(name = "period_id", nullable = false)
    public UUID periodId;

    @Column(name = "member_id", nullable = false)
    public String memberId;

    /** 1, 2, 3… in statement order. */
    @Column(name = "line_number", nullable = false)
    public int lineNumber;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CommissionComponent component;

    /** Which rule of the plan (or which input) produced the line, e.g. {@code tier:100}, {@code reversal:<credit id>}. */
    @Column(nullable = false)
    public String rule;

    @Column(name = "plan_version_id", nullable = false)
    public UUID planVersionId;

    @Column(name = "basis_amount", precision = 19, scale = 4)
    public BigDecimal basisAmount;

    @Column(name = "basis_currency")
    public String basisCurrency;

    @Column(name = "rate_percent")
    public BigDecimal ratePercent;

    @Column(name = "attainment_percent", precision = 14, scale = 2)
    public BigDecimal attainmentPercent;

    @Column(nullable = false, precision = 19, scale = 4)
    public BigDecimal amount;

    @Column(nullable = false)
    public String currency;

    @Column(nullable = false)
    public String explanation;

    /** For a line about one credit (a clawback): that credit entry, its deal and the event that wrote it. */
    @Column(name = "source_credit_id")
    public UUID sourceCreditId;

    @Column(name = "source_deal_id")
    public UUID sourceDealId;

    @Column(name = "source_event_id")
    public String sourceEventId;

    public Money amountMoney() {
        return Money.of(amount, currency).rounded(RoundingMode.UNNECESSARY);
    }

    public Money basis() {
        return basisAmount == null ? null : Money.of(basisAmount, basisCurrency).rounded(RoundingMode.HALF_UP);
    }

    public static List<CommissionLineEntry> ofStatement(UUID statementId) {
        return list("statementId = ?1 order by lineNumber", statementId);
    }
}

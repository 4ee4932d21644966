package io.attain.incentive.domain;

import io.attain.events.Money;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One member's statement in one calculation run: its lines are {@link CommissionLineEntry commission lines}. */
@Entity
@Table(name = "statement")
@Immutable
public class Statement extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "run_id", nullable = false)
    public UUID runId;

    @Column(name = "period_id", nullable = false)
    public UUID periodId;

    @Column(name = "member_id", nullable = false)
    public String memberId;

    @Column(name = "plan_id", nullable = false)
    public UUID planId;

    @Column(name = "plan_version_id", nullable = false)
    public UUID planVersionId;

    @Column(name = "plan_version", nullable = false)
    public int planVersion;

    @Column(nullable = false)
    public String currency;

    /** In the plan currency; {@code null} when the member has no quota for the period. */
    @Column(precision = 19, scale = 4)
    public BigDecimal quota;

    @Column(name = "attainment_percent", precision = 14, scale = 2)
    public BigDecimal attainmentPercent;

    /** The sum of the statement's rounded lines. */
    @Column(nullable = false, precision = 19, scale = 4)
    public BigDecimal total;

    /** Why a statement has no lines, e.g. no quota for the period. */
    public String note;

    public Money totalMoney() {
        return Money.of(total, currency).rounded(RoundingMode.UNNECESSARY);
    }

    public Money quotaMoney() {
        return quota == null ? null : Money.of(quota, currency).rounded(RoundingMode.HALF_UP);
    }

    /** The statement the period shows for the member now. */
    public static Optional<Statement> currentOf(UUID periodId, String memberId) {
        return find("id = (select c.statementId from CurrentStatement c where c.periodId = ?1 and c.memberId = ?2)",
                periodId, memberId).firstResultOptional();
    }

    public static List<Statement> ofRun(UUID runId) {
        return list("runId = ?1 order by memberId", runId);
    }
}

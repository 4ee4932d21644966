package io.attain.incentive.service;

import io.attain.incentive.domain.CalculationRun;
import io.attain.incentive.domain.CommissionLineEntry;
import io.attain.incentive.domain.Period;
import io.attain.incentive.domain.Statement;
import io.attain.support.api.Page;
import io.attain.support.api.PageParams;
import io.attain.support.problem.ProblemException;
import io.attain.support.org.MemberScope;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Statements as the current calculation run of their period shows them: every line with its explanation,
 * and a total that is the sum of the rounded lines. Reads only.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class StatementService {

    @Inject
    MemberAccess access;

    @Inject
    EntityManager em;

    /**
     * A statement with its lines, its period and run.
     *
     * @param stale whether the ledger, a quota or a plan changed for the member since the run, in a period not
     *              closed: a new run is on its way (within seconds)
     */
    public record StatementDetails(Period period, CalculationRun run, Statement statement, List<CommissionLineEntry> lines,
                                   boolean stale) {
    }

    /**
     * The member's statement in the period's current run.
     *
     * @throws ProblemException 404 when the period does not exist, has no statement for the member yet, or the
     *                          member is outside the caller's scope
     */
    public StatementDetails statement(String memberId, UUID periodId) {
        access.requireVisible(memberId);
        Period period = Period.findById(periodId);
        if (period == null) {
            throw ProblemException.notFound("period", periodId);
        }
        Statement statement = Statement.currentOf(period.id, memberId).orElse(null);
        if (statement == null) {
            throw ProblemException.notFound("statement", memberId + " in period " + period.name);
        }
        return details(period, statement);
    }

    /**
     * The statements of the period's current run within the caller's scope (a rep their own, a manager their
     * subtree's, finance and admins everyone's), by member id; only {@code memberId}'s when given.
     */
    public Page<StatementDetails> statements(UUID periodId, String memberId, PageParams page) {
        Period period = Period.findById(periodId);
        if (period == null) {
            throw ProblemException.notFound("period", periodId);
        }
        if (memberId != null) {
            access.requireVisible(memberId);
        }
        MemberScope scope = access.scope();
        String current = "id in (select c.statementId from CurrentStatement c where c.periodId = ?1)";
        var query = memberId != null
                ? Statement.<Statement>find(current + " and memberId = ?2", Sort.by("memberId"), period.id, memberId)
                : scope.all()
                ? Statement.<Statement>find(current, Sort.by("memberId"), period.id)
                : Statement.<Statement>find(current + " and memberId in ?2", Sort.by("memberId"), period.id,
                scope.memberIds().isEmpty() ? Set.of("") : scope.memberIds());
        List<StatementDetails> items = query.page(page.page, page.size).list().stream()
                .map(statement -> details(period, statement)).toList();
        return new Page<>(items, page.page, page.size, query.count());
    }

    private StatementDetails details(Period period, Statement statement) {
        CalculationRun run = CalculationRun.findById(statement.runId);
        return new StatementDetails(period, run, statement, CommissionLineEntry.ofStatement(statement.id),
                !period.isClosed() && isStale(statement.memberId));
    }

    private boolean isStale(String memberId) {
        Number marks = (Number) em.createNativeQuery(
                        "select count(*) from statement_staleness where member_id is null or member_id = :member")
                .setParameter("member", memberId).getSingleResult();
        return marks.longValue() > 0;
    }
}

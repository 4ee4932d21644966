package io.attain.incentive.service;

import io.attain.events.CommissionEvent;
import io.attain.events.EventTypes;
import io.attain.events.Money;
import io.attain.events.Topics;
import io.attain.incentive.domain.CalculationRun;
import io.attain.incentive.domain.CommissionLineEntry;
import io.attain.incentive.domain.CreditEntry;
import io.attain.incentive.domain.DealPayment;
import io.attain.incentive.domain.Period;
import io.attain.incentive.domain.PeriodStatus;
import io.attain.incentive.domain.PlanAssignment;
import io.attain.incentive.domain.Statement;
import io.attain.incentive.domain.commission.CommissionEngine;
import io.attain.incentive.domain.commission.CommissionException;
import io.attain.incentive.domain.commission.CommissionInput;
import io.attain.incentive.domain.commission.CommissionLine;
import io.attain.incentive.domain.commission.CommissionResult;
import io.attain.incentive.domain.commission.CommissionStatement;
import io.attain.incentive.domain.commission.CreditCommission;
import io.attain.support.api.Page;
import io.attain.support.api.PageParams;
import io.attain.support.outbox.Outbox;
import io.attain.support.problem.Problem;
import io.attain.support.problem.ProblemException;
import io.attain.support.security.Caller;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Commission periods: OPEN → CALCULATED → CLOSED, and their calculation runs.
 *
 * <p>A calculation runs the engine for every member with a plan assignment in the period, from the ledger
 * as it stands, and writes a new run: statements, their lines (the append-only commission ledger) and what
 * each statement paid on each credit. The period's current run then points at it; earlier runs stay as
 * history. A closed period's current run never changes.
 *
 * <p>Statements follow the ledger by themselves: recording a credit, payment or quota marks the member's
 * statements stale ({@link LedgerCalendar#markStale}), and {@link #recalculateStale} (run by
 * {@code messaging/StatementRecalculation} as soon as such a change commits) writes a new run for each open
 * period concerned. A run for marked members covers only the statements they can move ({@link #concerned}):
 * the others keep theirs, and {@code current_statement} says which statement of which run a period shows.
 */
@ApplicationScoped
@Transactional
public class PeriodService {

    private static final Logger LOG = Logger.getLogger(PeriodService.class);

    @Inject
    Caller caller;

    @Inject
    EntityManager em;

    @Inject
    PlanService plans;

    @Inject
    CommissionInputs inputs;

    @Inject
    LedgerCalendar calendar;

    @Inject
    Outbox outbox;

    /**
     * @throws ProblemException 409 when the name is taken or the days overlap another period's
     */
    public Period create(String name, LocalDate start, LocalDate end, String currency) {
        if (end.isBefore(start)) {
            throw ProblemException.invalidField("end", "must be on or after start " + start);
        }
        if (currency != null && !Money.isKnownCurrency(currency)) {
            throw ProblemException.invalidField("currency", "'" + currency + "' is not an ISO-4217 currency");
        }
        // Periods are created one at a time, so two overlapping ones cannot slip in side by side.
        em.createNativeQuery("lock table commission_period in share row exclusive mode").executeUpdate();
        if (Period.count("name", name.strip()) > 0) {
            throw ProblemException.conflict("period-exists", "Period exists", "a period named " + name.strip() + " exists");
        }
        List<Period> overlapping = Period.overlapping(start, end);
        if (!overlapping.isEmpty()) {
            Period other = overlapping.getFirst();
            throw ProblemException.conflict("period-overlaps", "Overlapping period", "period " + other.name + " (" + other.start
                    + " to " + other.end + ") shares days with " + start + " to " + end + "; every day belongs to one period");
        }
        Period period = new Period();
        period.id = UUID.randomUUID();
        period.name = name.strip();
        period.start = start;
        period.end = end;
        period.currency = currency;
        period.status = PeriodStatus.OPEN;
        period.createdAt = Instant.now();
        period.persist();
        // Its members' statements are due at once.
        calendar.markStale(null);
        return period;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Period period(UUID periodId) {
        Period period = Period.findById(periodId);
        if (period == null) {
            throw ProblemException.notFound("period", periodId);
        }
        return period;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Period> periods(PeriodStatus status, PageParams page) {
        var query = status == null ? Period.<Period>findAll(Sort.by("start"))
                : Period.<Period>find("status", Sort.by("start"), status);
        return new Page<>(query.page(page.page, page.size).list(), page.page, page.size, query.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<CalculationRun> run(UUID runId) {
        return runId == null ? Optional.empty() : CalculationRun.findByIdOptional(runId);
    }

    /**
     * Calculates every assigned member's statement anew; the period becomes CALCULATED.
     *
     * @throws ProblemException 409 when the period is closed; 422 when the engine refuses the input (e.g. an
     *                          amount in a currency without an exchange rate)
     */
    public Period calculate(UUID periodId) {
        Period period = Period.lockedById(periodId).orElseThrow(() -> ProblemException.notFound("period", periodId));
        if (period.isClosed()) {
            throw closed(period);
        }
        recalculate(period, CalculationRun.Trigger.REQUEST, null);
        period.status = PeriodStatus.CALCULATED;
        period.calculatedAt = Instant.now();
        return period;
    }

    /**
     * Closes a calculated period: calculates it a last time from the ledger as it stands (no ledger change can
     * be recorded meanwhile) and locks it. Publishes {@code period.closed}.
     *
     * @throws ProblemException 409 when the period is already closed, not calculated yet, or the period right
     *                          before it is still open
     */
    public Period close(UUID periodId) {
        calendar.lockForClosing();
        Period period = Period.lockedById(periodId).orElseThrow(() -> ProblemException.notFound("period", periodId));
        if (period.isClosed()) {
            throw closed(period);
        }
        if (period.status != PeriodStatus.CALCULATED) {
            throw ProblemException.conflict("period-not-calculated", "Period not calculated",
                    "period " + period.name + " is " + period.status + "; calculate it and check the statements before closing");
        }
        // In order, so that the payouts of a period are known (for clawbacks) when the next one closes.
        Optional<Period> before = Period.find("end = ?1", period.start.minusDays(1)).firstResultOptional();
        if (before.isPresent() && !before.get().isClosed()) {
            throw ProblemException.conflict("earlier-period-open", "Earlier period open",
                    "period " + before.get().name + " comes right before " + period.name + " and is not closed; close periods in order");
        }
        recalculate(period, CalculationRun.Trigger.CLOSE, null);
        Instant now = Instant.now();
        period.status = PeriodStatus.CLOSED;
        period.closedAt = now;
        period.closedBy = caller.id();
        List<Statement> statements = Statement.ofRun(period.currentRunId);
        Map<String, Money> totals = new TreeMap<>();
        statements.forEach(statement -> totals.merge(statement.currency, statement.totalMoney(), Money::plus));
        CalculationRun run = CalculationRun.findById(period.currentRunId);
        publish(period, EventTypes.PERIOD_CLOSED, new CommissionEvent(period.id, period.eventVersion + 1, period.name, period.start,
                period.end, period.status.name(), run.id, run.number, null, null, null, List.copyOf(totals.values()),
                statements.size(), now));
        // Later periods now see this one's payouts (for clawbacks).
        calendar.markStale(null);
        LOG.infof("Period %s closed by %s: %d statements, totals %s", period.name, period.closedBy, statements.size(), totals.values());
        return period;
    }

    /**
     * Recalculates the open periods whose statements the ledger, quotas, plans or the org have changed since they
     * were calculated: everyone's after an everyone marker, otherwise the statements the marked members can move.
     *
     * <p>The markers are taken by deleting them in this transaction: exactly those committed so far, so a marker
     * committed meanwhile stays for the next round, and a failed round rolls back and leaves them all.
     *
     * @return whether anything was marked
     */
    public boolean recalculateStale() {
        List<String> marked = Rows.list(em, "delete from statement_staleness returning coalesce(member_id, '')",
                (connection, query) -> { }, row -> row.getString(1));
        if (marked.isEmpty()) {
            return false;
        }
        boolean everyone = marked.contains("");
        Set<String> members = new TreeSet<>(marked);
        members.remove("");
        // Read under their locks, so a concurrent calculation or close is waited for (and a period closed meanwhile
        // is left out: the database checks the status again on the row it locked).
        for (Period period : Period.notClosedLocked()) {
            try {
                recalculate(period, CalculationRun.Trigger.AUTO, everyone ? null : members);
            } catch (ProblemException e) {
                // The same input would fail again on every round; the next change to it marks it stale again.
                LOG.warnf("Period %s not recalculated: %s", period.name, e.getMessage());
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- calculation

    /** The members to calculate and the plan version for each group of them. */
    private record Group(PlanChoice choice, List<String> members) {
    }

    /**
     * Writes a new run of the period: of everyone when {@code touched} is {@code null}, otherwise of the statements
     * the touched members can move. An {@code AUTO} run that would change no statement is not written.
     */
    private void recalculate(Period period, CalculationRun.Trigger trigger, Set<String> touched) {
        Set<String> scope = touched == null ? null : concerned(period, touched);
        if (scope != null && scope.isEmpty()) {
            return;
        }
        Map<UUID, Group> groups = groups(period, scope);
        Map<String, Statement> previous = new TreeMap<>();
        currentOf(period, scope).forEach(statement -> previous.put(statement.memberId, statement));
        Set<String> assigned = new TreeSet<>();
        groups.values().forEach(group -> assigned.addAll(group.members()));
        // Members who had a statement and no longer have a plan in the period: their statement goes.
        Set<String> dropped = new TreeSet<>(previous.keySet());
        dropped.removeAll(assigned);
        if (scope != null && assigned.isEmpty() && dropped.isEmpty()) {
            return;
        }
        Map<UUID, CommissionResult> results = new LinkedHashMap<>();
        for (Map.Entry<UUID, Group> group : groups.entrySet()) {
            try {
                CommissionInput input = inputs.input(group.getValue().choice().terms(), period.window(), group.getValue().members());
                results.put(group.getKey(), CommissionEngine.calculate(input));
            } catch (CommissionException e) {
                throw new ProblemException(422, "calculation-failed", "Calculation failed", "period " + period.name + ", plan "
                        + group.getValue().choice().plan().name + " v" + group.getValue().choice().version().number + ": "
                        + e.getMessage(), List.of(new Problem.FieldError("periodId", e.getMessage())));
            }
        }
        if (trigger == CalculationRun.Trigger.AUTO && period.currentRunId != null && dropped.isEmpty()
                && unchanged(groups, results, previous)) {
            // Nothing changed for anyone (a replayed event, a change that moves no figure): no new run.
            LOG.debugf("Period %s: recalculation changes nothing, run kept", period.name);
            return;
        }
        Instant now = Instant.now();
        CalculationRun run = new CalculationRun();
        run.id = UUID.randomUUID();
        run.periodId = period.id;
        // The period's last run number and the newest ledger entry, in one round trip.
        long[] newest = Rows.list(em, """
                select coalesce((select max(number) from calculation_run where period_id = ?), 0),
                       coalesce((select max(seq) from credit_entry), 0)""",
                (connection, query) -> query.setObject(1, period.id), row -> new long[]{row.getLong(1), row.getLong(2)}).getFirst();
        run.number = (int) newest[0] + 1;
        run.trigger = trigger;
        run.scope = scope == null ? CalculationRun.Scope.PERIOD : CalculationRun.Scope.MEMBERS;
        run.requestedBy = trigger == CalculationRun.Trigger.AUTO ? null : caller.id();
        run.ledgerSeq = newest[1];
        run.calculatedAt = now;

        Sources sources = new Sources();
        RunWrites writes = new RunWrites(run);
        List<Statement> written = new ArrayList<>();
        for (Map.Entry<UUID, Group> entry : groups.entrySet()) {
            Group group = entry.getValue();
            CommissionResult result = results.get(entry.getKey());
            for (String member : group.members()) {
                Optional<CommissionStatement> calculated = result.statement(member);
                written.add(write(period, run, group.choice(), member, calculated.orElse(null), sources, writes));
            }
            if (group.choice().version().usedAt == null) {
                plans.markUsed(group.choice().version().id, now);
            }
        }
        writes.write(em, scope == null, dropped);
        period.currentRunId = run.id;
        List<Outbox.Message> changed = new ArrayList<>();
        for (Statement statement : written) {
            Statement before = previous.get(statement.memberId);
            if (before == null || before.totalMoney().compareTo(statement.totalMoney()) != 0
                    || !Objects.equals(before.planVersionId, statement.planVersionId)) {
                period.eventVersion++;
                changed.add(message(period, EventTypes.STATEMENT_CALCULATED, new CommissionEvent(period.id, period.eventVersion,
                        period.name, period.start, period.end, statusAfter(period, trigger).name(), run.id, run.number,
                        statement.memberId, statement.planId, statement.planVersion, List.of(statement.totalMoney()), 1, now)));
            }
        }
        // One batch for all: a period-wide run can change thousands of statements.
        outbox.publishAll(changed);
        if (scope == null) {
            LOG.infof("Period %s: run %d (%s) wrote %d statements", period.name, run.number, trigger, written.size());
        } else {
            LOG.debugf("Period %s: run %d (%s) wrote %d statements of %s", period.name, run.number, trigger, written.size(),
                    scope);
        }
    }

    /**
     * The members among {@code touched} assigned a plan in the period (or still holding a statement in it), and
     * those whose statements their figures move: the other members of their org unit (the team bonus pool is
     * shared by contribution) and the unit's manager (the override is on the team's credit). No other statement
     * depends on anything of the touched members. A manager among them is calculated with every team they manage,
     * so that the override from their other teams stays in their statement.
     */
    private Set<String> concerned(Period period, Set<String> touched) {
        // One statement: the touched members assigned in the period or holding a statement in it, the members and
        // managers of their units, then the members of every unit a manager among those manages.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<String> concerned = Rows.list(em, """
                with touched as (
                    select member_id from plan_assignment
                    where member_id = any (?) and period_start <= ? and period_end >= ?
                    union
                    select member_id from current_statement where period_id = ? and member_id = any (?)
                ), units as (
                    select org_unit_id from org_directory_member
                    where member_id in (select member_id from touched) and (effective_to is null or effective_to >= ?)
                ), teams as (
                    select member_id from touched
                    union
                    select member_id from org_directory_member
                    where org_unit_id in (select org_unit_id from units) and (effective_to is null or effective_to >= ?)
                    union
                    select manager_id from org_directory_unit
                    where id in (select org_unit_id from units) and active and manager_id is not null
                )
                select member_id from teams
                union
                select member_id from org_directory_member
                where org_unit_id in (select id from org_directory_unit where manager_id in (select member_id from teams) and active)
                and (effective_to is null or effective_to >= ?)""", (connection, query) -> {
            java.sql.Array members = connection.createArrayOf("varchar", touched.toArray());
            query.setArray(1, members);
            query.setObject(2, period.end);
            query.setObject(3, period.start);
            query.setObject(4, period.id);
            query.setArray(5, members);
            query.setObject(6, today);
            query.setObject(7, today);
            query.setObject(8, today);
        }, row -> row.getString(1));
        return new TreeSet<>(concerned);
    }

    /**
     * The statements the period shows now: everyone's when {@code members} is {@code null}, otherwise those of
     * {@code members}; by member. As values, in plain SQL ({@link Rows}).
     */
    private List<Statement> currentOf(Period period, Set<String> members) {
        return Rows.list(em, """
                select id, run_id, member_id, plan_id, plan_version_id, plan_version, currency, quota, attainment_percent,
                       total, note
                from statement
                where id in (select statement_id from current_statement where period_id = ?%s)
                order by member_id""".formatted(members == null ? "" : " and member_id = any (?)"), (connection, query) -> {
            query.setObject(1, period.id);
            if (members != null) {
                query.setArray(2, connection.createArrayOf("varchar", members.toArray()));
            }
        }, row -> {
            Statement statement = new Statement();
            statement.id = row.getObject(1, UUID.class);
            statement.runId = row.getObject(2, UUID.class);
            statement.periodId = period.id;
            statement.memberId = row.getString(3);
            statement.planId = row.getObject(4, UUID.class);
            statement.planVersionId = row.getObject(5, UUID.class);
            statement.planVersion = row.getInt(6);
            statement.currency = row.getString(7);
            statement.quota = row.getBigDecimal(8);
            statement.attainmentPercent = row.getBigDecimal(9);
            statement.total = row.getBigDecimal(10);
            statement.note = row.getString(11);
            return statement;
        });
    }

    /**
     * Whether every member's statement would come out as the period shows it now: first by plan version and total,
     * which needs no read (most changes move a total), then line by line.
     */
    private boolean unchanged(Map<UUID, Group> groups, Map<UUID, CommissionResult> results, Map<String, Statement> previous) {
        for (Map.Entry<UUID, Group> group : groups.entrySet()) {
            for (String member : group.getValue().members()) {
                Statement before = previous.get(member);
                BigDecimal total = results.get(group.getKey()).statement(member).map(s -> s.total().amount()).orElse(BigDecimal.ZERO);
                if (before == null || !group.getKey().equals(before.planVersionId) || total.compareTo(before.total) != 0) {
                    return false;
                }
            }
        }
        return fingerprint(groups, results).equals(fingerprintOf(previous.values()));
    }

    /** Each member's plan version, total and lines as calculated, in a form comparable with {@link #fingerprintOf}. */
    private static Map<String, List<String>> fingerprint(Map<UUID, Group> groups, Map<UUID, CommissionResult> results) {
        Map<String, List<String>> statements = new TreeMap<>();
        groups.forEach((versionId, group) -> {
            CommissionResult result = results.get(versionId);
            for (String member : group.members()) {
                List<String> lines = new ArrayList<>();
                Optional<CommissionStatement> statement = result.statement(member);
                lines.add(versionId + " " + plain(statement.map(s -> s.total().amount()).orElse(BigDecimal.ZERO)));
                statement.ifPresent(s -> s.lines().forEach(line -> lines.add(line.component() + " " + line.rule() + " "
                        + plain(line.amount().amount()) + " " + line.explanation())));
                statements.put(member, lines);
            }
        });
        return statements;
    }

    private Map<String, List<String>> fingerprintOf(Collection<Statement> current) {
        Map<String, List<String>> statements = new TreeMap<>();
        Map<UUID, String> memberOf = new HashMap<>();
        for (Statement statement : current) {
            memberOf.put(statement.id, statement.memberId);
            List<String> lines = new ArrayList<>();
            lines.add(statement.planVersionId + " " + plain(statement.total));
            statements.put(statement.memberId, lines);
        }
        if (memberOf.isEmpty()) {
            return statements;
        }
        Rows.list(em, """
                select statement_id, component, rule, amount, explanation from commission_line
                where statement_id = any (?) order by member_id, line_number""",
                (connection, query) -> query.setArray(1, connection.createArrayOf("uuid", memberOf.keySet().toArray())),
                line -> statements.get(memberOf.get(line.getObject(1, UUID.class))).add(line.getString(2) + " "
                        + line.getString(3) + " " + plain(line.getBigDecimal(4)) + " " + line.getString(5)));
        return statements;
    }

    private static String plain(BigDecimal amount) {
        return amount.signum() == 0 ? "0" : amount.stripTrailingZeros().toPlainString();
    }

    private static PeriodStatus statusAfter(Period period, CalculationRun.Trigger trigger) {
        return trigger == CalculationRun.Trigger.AUTO ? period.status : PeriodStatus.CALCULATED;
    }

    /**
     * Each assigned member's plan version, by {@link PlanService#governing} and {@link PlanService#choiceForPeriod}:
     * of everyone assigned in the period, or of {@code members} only when given.
     */
    private Map<UUID, Group> groups(Period period, Set<String> members) {
        Map<String, PlanAssignment> byMember = new TreeMap<>();
        List<PlanAssignment> assignments = members == null ? PlanAssignment.overlapping(period.start, period.end)
                : assignmentsOf(period, members);
        for (PlanAssignment assignment : assignments) {
            byMember.merge(assignment.memberId, assignment, PlanService::governing);
        }
        Map<UUID, Group> groups = new LinkedHashMap<>();
        plans.choicesForPeriod(byMember.values(), period.end).forEach((assignment, choice) -> {
            if (choice.isEmpty()) {
                LOG.debugf("Member %s: plan %s has no version in effect in period %s", assignment.memberId, assignment.planId,
                        period.name);
                return;
            }
            groups.computeIfAbsent(choice.get().version().id, v -> new Group(choice.get(), new ArrayList<>()))
                    .members().add(assignment.memberId);
        });
        return groups;
    }

    /** The assignments of {@code members} sharing days with the period, by member; as values ({@link Rows}). */
    private List<PlanAssignment> assignmentsOf(Period period, Set<String> members) {
        return Rows.list(em, """
                select id, plan_id, member_id, period_start, period_end from plan_assignment
                where member_id = any (?) and period_start <= ? and period_end >= ?
                order by member_id, period_start""", (connection, query) -> {
            query.setArray(1, connection.createArrayOf("varchar", members.toArray()));
            query.setObject(2, period.end);
            query.setObject(3, period.start);
        }, row -> {
            PlanAssignment assignment = new PlanAssignment();
            assignment.id = row.getObject(1, UUID.class);
            assignment.planId = row.getObject(2, UUID.class);
            assignment.memberId = row.getString(3);
            assignment.periodStart = row.getObject(4, LocalDate.class);
            assignment.periodEnd = row.getObject(5, LocalDate.class);
            return assignment;
        });
    }

    /** The member's statement of the run, with its lines, added to {@code writes}. */
    private Statement write(Period period, CalculationRun run, PlanChoice choice, String member, CommissionStatement calculated,
                            Sources sources, RunWrites writes) {
        Statement statement = new Statement();
        statement.id = UUID.randomUUID();
        statement.runId = run.id;
        statement.periodId = period.id;
        statement.memberId = member;
        statement.planId = choice.plan().id;
        statement.planVersionId = choice.version().id;
        statement.planVersion = choice.version().number;
        statement.currency = choice.plan().currency;
        writes.statement(statement);
        if (calculated == null) {
            statement.total = Money.zero(choice.plan().currency).amount();
            statement.note = "nothing to pay: no " + (choice.terms().basis().name().equals("COLLECTED") ? "COLLECTIONS or " : "")
                    + "REVENUE quota of the member lies within the period, so no attainment can be measured";
            return statement;
        }
        statement.quota = calculated.quota() == null ? null : calculated.quota().amount();
        statement.attainmentPercent = calculated.attainmentPercent();
        statement.total = calculated.total().amount();
        if (calculated.quota() == null) {
            statement.note = "no quota of the member lies within the period: only clawbacks and bonuses apply";
        }

        List<CreditCommission> paid = calculated.creditCommissions();
        UUID onlyCredit = paid.stream().map(CreditCommission::creditId).distinct().count() == 1
                ? UUID.fromString(paid.getFirst().creditId()) : null;
        int number = 0;
        for (CommissionLine line : calculated.lines()) {
            CommissionLineEntry entry = new CommissionLineEntry();
            entry.id = UUID.randomUUID();
            entry.statementId = statement.id;
            entry.runId = run.id;
            entry.periodId = period.id;
            entry.memberId = member;
            entry.lineNumber = ++number;
            entry.component = line.component();
            entry.rule = line.rule();
            entry.planVersionId = choice.version().id;
            if (line.basis() != null) {
                entry.basisAmount = line.basis().amount();
                entry.basisCurrency = line.basis().currency();
            }
            entry.ratePercent = line.ratePercent();
            entry.attainmentPercent = line.attainmentPercent();
            entry.amount = line.amount().amount();
            entry.currency = line.amount().currency();
            entry.explanation = line.explanation();
            sources.describe(entry, line.rule(), onlyCredit);
            writes.line(entry);
        }
        if (run.trigger == CalculationRun.Trigger.CLOSE) {
            // What the statement paid on each credit is read only from closed periods' current runs (to claw back
            // exactly that), and a closed period's current run is always its closing run: earlier runs need not
            // write it, which spares every deal event's recalculation a row per credit of the member's period.
            writes.paid(statement.id, paid);
        }
        return statement;
    }

    private void publish(Period period, String type, CommissionEvent event) {
        period.eventVersion = event.version();
        outbox.publishAll(List.of(message(period, type, event)));
    }

    private static Outbox.Message message(Period period, String type, CommissionEvent event) {
        return new Outbox.Message(Topics.COMMISSION_EVENTS, type, "period", period.id.toString(), event.version(), event.occurredAt(),
                event);
    }

    private static ProblemException closed(Period period) {
        return ProblemException.conflict("period-closed", "Period closed", "period " + period.name + " was closed on "
                + period.closedAt + " and is locked; later changes land in the next open period");
    }

    /**
     * Where a line comes from, when it is about one credit: a clawback names the credit (and payment) it takes
     * back from, and is sourced to the event that reversed it; a line of a statement that pays on one credit
     * only is sourced to that credit.
     */
    private static final class Sources {
        private final Map<UUID, CreditEntry> credits = new HashMap<>();

        void describe(CommissionLineEntry line, String rule, UUID onlyCredit) {
            if (rule.startsWith("reversal:")) {
                String[] key = rule.substring("reversal:".length()).split("/", 2);
                UUID creditId = uuid(key[0]);
                CreditEntry credit = creditId == null ? null : credit(creditId);
                if (credit == null) {
                    return;
                }
                line.sourceCreditId = credit.id;
                line.sourceDealId = credit.dealId;
                if (key.length == 1) {
                    CreditEntry reversal = CreditEntry.find("reversesEntryId", credit.id).firstResult();
                    line.sourceEventId = reversal == null ? null : reversal.sourceEventId;
                } else {
                    UUID paymentId = uuid(key[1]);
                    DealPayment refund = paymentId == null ? null : DealPayment.find("reversesPaymentId", paymentId).firstResult();
                    line.sourceEventId = refund == null ? null : refund.sourceEventId;
                }
            } else if (onlyCredit != null) {
                CreditEntry credit = credit(onlyCredit);
                if (credit != null) {
                    line.sourceCreditId = credit.id;
                    line.sourceDealId = credit.dealId;
                    line.sourceEventId = credit.sourceEventId;
                }
            }
        }

        private CreditEntry credit(UUID id) {
            return credits.computeIfAbsent(id, key -> CreditEntry.<CreditEntry>findById(key));
        }

        private static UUID uuid(String text) {
            try {
                return UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}

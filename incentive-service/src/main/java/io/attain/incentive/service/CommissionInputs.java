package io.attain.incentive.service;

import io.attain.events.Money;
import io.attain.incentive.domain.CreditKind;
import io.attain.incentive.domain.DealPayment;
import io.attain.incentive.domain.Period;
import io.attain.incentive.domain.Quota;
import io.attain.incentive.domain.Statement;
import io.attain.incentive.domain.commission.CommissionBasis;
import io.attain.incentive.domain.commission.CommissionInput;
import io.attain.incentive.domain.commission.CommissionPeriod;
import io.attain.incentive.domain.commission.Credit;
import io.attain.incentive.domain.commission.CreditCommission;
import io.attain.incentive.domain.commission.CreditReversal;
import io.attain.incentive.domain.commission.ExchangeRates;
import io.attain.incentive.domain.commission.Payment;
import io.attain.incentive.domain.commission.PlanVersion;
import io.attain.incentive.domain.commission.PriorPayout;
import io.attain.incentive.domain.commission.Team;
import io.attain.support.org.OrgDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The one way to turn the ledger into the commission engine's input for some members, a plan version and a
 * window: quotas from target events, credits with the deal attributes and payments, reversals and refunds,
 * what closed periods already paid (for exact clawbacks) and the exchange rates. Reads only.
 *
 * <p>Quota: the member's money targets of metric {@code REVENUE} (under the collected basis
 * {@code COLLECTIONS} when the member has one) lying within the window — those covering exactly the window
 * when there are any, otherwise the longest ones (e.g. the months of a quarter), summed. A member without a
 * quota earns no attainment-based commission; their credits are left out (the engine takes credits only of
 * members it has a quota or team for), their reversals and prior payouts are not, so clawbacks still land.
 * Teams (team bonus, manager override) come from the org read model: see {@link #teams}.
 *
 * <p>Payments: a payment on a deal is shared among the deal's credits standing when it was recorded, by
 * their amounts (largest remainder), and also among credits written later (after an amount or split
 * change) by the standing credits' amounts, on the later of the payment's day and the credit's day; a
 * reversed credit's payments go with it, and are clawed back with it. A refund reverses the payment on
 * every credit it was shared to.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CommissionInputs {

    static final String REVENUE = "REVENUE";
    static final String COLLECTIONS = "COLLECTIONS";

    @Inject
    EntityManager em;

    @Inject
    PlanService plans;

    @Inject
    OrgDirectory orgDirectory;

    /** The engine input for {@code memberIds} under {@code plan} over {@code window}. */
    public CommissionInput input(PlanVersion plan, CommissionPeriod window, Collection<String> memberIds) {
        ExchangeRates rates = plans.exchangeRates();
        Set<String> members = new HashSet<>(memberIds);
        Map<String, Money> quotas = quotas(plan, window, members, rates);
        CommissionInput.Builder input = CommissionInput.builder(plan, window).exchangeRates(rates);
        quotas.forEach(input::quota);
        if (members.isEmpty()) {
            return input.build();
        }
        // The engine takes credits of members it has a quota or a team for.
        Set<String> counted = new HashSet<>(quotas.keySet());
        for (Team team : teams(plan, window, members, rates)) {
            input.team(team);
            counted.addAll(team.memberIds());
            if (team.managerId() != null) {
                counted.add(team.managerId());
            }
        }

        List<LedgerRow> own = ledger("e.member_id", "varchar", members);
        Set<UUID> deals = new HashSet<>();
        for (LedgerRow row : own) {
            deals.add(row.dealId());
            if (row.kind() == CreditKind.REVERSAL) {
                input.reversal(CreditReversal.ofCredit(row.reversesEntryId().toString(), row.effectiveOn(), row.reason()));
            }
        }
        Map<UUID, List<Payment>> paymentsByCredit = new HashMap<>();
        if (plan.basis() == CommissionBasis.COLLECTED && !deals.isEmpty()) {
            sharePayments(deals, members, paymentsByCredit, input);
        }
        for (LedgerRow row : own) {
            if (row.kind() != CreditKind.CREDIT || row.effectiveOn().isAfter(window.end())
                    || !counted.contains(row.memberId())) {
                continue;
            }
            input.credit(new Credit(row.id().toString(), row.dealId().toString(), row.memberId(), row.money(),
                    row.productLine(), row.channel(), row.newCustomer(), row.effectiveOn(),
                    paymentsByCredit.getOrDefault(row.id(), List.of())));
        }
        input.priorPayouts(priorPayouts(plan, window, members));
        return input.build();
    }

    /** The quota of each member who has one, in the currency of its targets or, when they mix currencies, the plan's. */
    public Map<String, Money> quotas(PlanVersion plan, CommissionPeriod window, Set<String> members, ExchangeRates rates) {
        Map<String, Money> quotas = new TreeMap<>();
        if (members.isEmpty()) {
            return quotas;
        }
        // In SQL: a JPQL query with collection parameters is translated anew on every call.
        @SuppressWarnings("unchecked")
        List<Quota> candidates = em.createNativeQuery("""
                        select * from quota
                        where member_id in (:members) and amount is not null and metric in (:metrics)
                        and period_start >= :start and period_end <= :end
                        order by member_id, period_start, target_id""", Quota.class)
                .setParameter("members", members).setParameter("metrics", List.of(REVENUE, COLLECTIONS))
                .setParameter("start", window.start()).setParameter("end", window.end()).getResultList();
        Map<String, List<Quota>> byMember = new TreeMap<>();
        candidates.forEach(quota -> byMember.computeIfAbsent(quota.memberId, m -> new ArrayList<>()).add(quota));
        byMember.forEach((member, all) -> {
            String metric = plan.basis() == CommissionBasis.COLLECTED && all.stream().anyMatch(q -> COLLECTIONS.equals(q.metric))
                    ? COLLECTIONS : REVENUE;
            List<Quota> ofMetric = all.stream().filter(q -> metric.equals(q.metric)).toList();
            if (ofMetric.isEmpty()) {
                return;
            }
            List<Quota> chosen = covering(ofMetric, window);
            Money sum = sum(chosen, plan, window, rates);
            if (sum.amount().signum() > 0) {
                quotas.put(member, sum);
            }
        });
        return quotas;
    }

    /**
     * Teams for the team bonus and the manager override, when the plan pays either: each org unit (from the
     * org read model) of the members calculated together, with the unit's own money target for the window as
     * the team target (chosen like a member's quota) and the unit's manager, when calculated together with
     * them, as the one earning the override. A unit without a target forms no team.
     */
    public List<Team> teams(PlanVersion plan, CommissionPeriod window, Set<String> members, ExchangeRates rates) {
        if (plan.teamBonus() == null && plan.managerOverride() == null) {
            return List.of();
        }
        Map<UUID, List<String>> byUnit = new TreeMap<>();
        for (String member : new TreeSet<>(members)) {
            orgDirectory.orgUnitOf(member).ifPresent(unit -> byUnit.computeIfAbsent(unit, u -> new ArrayList<>()).add(member));
        }
        List<Team> teams = new ArrayList<>();
        byUnit.forEach((unit, unitMembers) -> {
            @SuppressWarnings("unchecked")
            List<String> managers = em.createNativeQuery("select manager_id from org_directory_unit where id = :unit and active")
                    .setParameter("unit", unit).getResultList();
            String manager = managers.isEmpty() ? null : managers.getFirst();
            List<String> teamMembers = unitMembers.stream().filter(member -> !member.equals(manager)).toList();
            String metric = plan.basis() == CommissionBasis.COLLECTED ? COLLECTIONS : REVENUE;
            List<Quota> targets = Quota.list("""
                            memberId is null and orgUnitId = ?1 and amount is not null and metric = ?2
                            and periodStart >= ?3 and periodEnd <= ?4 order by periodStart, targetId""", unit, metric,
                    window.start(), window.end());
            if (targets.isEmpty() && metric.equals(COLLECTIONS)) {
                targets = Quota.list("""
                                memberId is null and orgUnitId = ?1 and amount is not null and metric = ?2
                                and periodStart >= ?3 and periodEnd <= ?4 order by periodStart, targetId""", unit, REVENUE,
                        window.start(), window.end());
            }
            if (targets.isEmpty() || teamMembers.isEmpty()) {
                return;
            }
            Money target = sum(covering(targets, window), plan, window, rates);
            target = rates.convert(target, plan.currency(), window.end(), plan.rounding());
            if (target.amount().signum() > 0) {
                teams.add(new Team(unit.toString(), target, teamMembers, manager != null && members.contains(manager) ? manager : null));
            }
        });
        return teams;
    }

    /** The quotas covering exactly the window when there are any, otherwise the longest ones within it. */
    private static List<Quota> covering(List<Quota> quotas, CommissionPeriod window) {
        List<Quota> exact = quotas.stream()
                .filter(q -> q.periodStart.equals(window.start()) && q.periodEnd.equals(window.end())).toList();
        if (!exact.isEmpty()) {
            return exact;
        }
        long longest = quotas.stream().mapToLong(CommissionInputs::days).max().orElseThrow();
        return quotas.stream().filter(q -> days(q) == longest).toList();
    }

    private static long days(Quota quota) {
        return ChronoUnit.DAYS.between(quota.periodStart, quota.periodEnd) + 1;
    }

    private static Money sum(List<Quota> quotas, PlanVersion plan, CommissionPeriod window, ExchangeRates rates) {
        boolean oneCurrency = quotas.stream().map(q -> q.currency).distinct().count() == 1;
        String currency = oneCurrency ? quotas.getFirst().currency : plan.currency();
        Money sum = Money.zero(currency);
        for (Quota quota : quotas) {
            Money value = Money.of(quota.amount, quota.currency);
            sum = sum.plus(oneCurrency ? value : rates.convert(value, plan.currency(), window.end(), plan.rounding()));
        }
        return sum.rounded(plan.rounding());
    }

    /** Payments on {@code deals} shared to the credits of {@code members}; refunds become payment reversals. */
    private void sharePayments(Set<UUID> deals, Set<String> members, Map<UUID, List<Payment>> paymentsByCredit,
                               CommissionInput.Builder input) {
        Map<UUID, List<LedgerRow>> dealLedger = new HashMap<>();
        for (LedgerRow row : ledger("e.deal_id", "uuid", deals)) {
            dealLedger.computeIfAbsent(row.dealId(), d -> new ArrayList<>()).add(row);
        }
        List<DealPayment> payments = DealPayment.list("dealId in ?1 order by recordedAt, id", deals);
        Map<UUID, List<UUID>> sharedTo = new HashMap<>();
        Map<UUID, BigDecimal> paidOnCredit = new HashMap<>();
        for (DealPayment payment : payments) {
            if (payment.isRefund()) {
                continue;
            }
            List<LedgerRow> ledger = dealLedger.getOrDefault(payment.dealId, List.of());
            Map<UUID, Long> reversedAt = new HashMap<>();
            ledger.stream().filter(row -> row.kind() == CreditKind.REVERSAL)
                    .forEach(row -> reversedAt.put(row.reversesEntryId(), row.seq()));
            List<LedgerRow> credits = ledger.stream().filter(row -> row.kind() == CreditKind.CREDIT).toList();
            List<LedgerRow> standingThen = credits.stream().filter(row -> row.seq() <= payment.creditSeq
                    && (!reversedAt.containsKey(row.id()) || reversedAt.get(row.id()) > payment.creditSeq)).toList();
            List<LedgerRow> standingNow = credits.stream().filter(row -> !reversedAt.containsKey(row.id())).toList();
            Map<LedgerRow, Money> shares = new LinkedHashMap<>(share(payment.money(), standingThen));
            share(payment.money(), standingNow).forEach((row, share) -> {
                if (row.seq() > payment.creditSeq) {
                    shares.put(row, share);
                }
            });
            shares.forEach((row, share) -> {
                sharedTo.computeIfAbsent(payment.id, p -> new ArrayList<>()).add(row.id());
                if (!members.contains(row.memberId()) || !share.currency().equals(row.currency()) || share.isZero()) {
                    return;
                }
                BigDecimal paid = paidOnCredit.getOrDefault(row.id(), BigDecimal.ZERO);
                BigDecimal room = row.amount().subtract(paid);
                BigDecimal amount = share.amount().min(room);
                if (amount.signum() <= 0) {
                    return;
                }
                paidOnCredit.put(row.id(), paid.add(amount));
                LocalDate day = payment.effectiveOn.isBefore(row.effectiveOn()) ? row.effectiveOn() : payment.effectiveOn;
                paymentsByCredit.computeIfAbsent(row.id(), c -> new ArrayList<>())
                        .add(new Payment(payment.id.toString(), day, Money.of(amount, share.currency())));
            });
        }
        for (DealPayment refund : payments) {
            if (!refund.isRefund()) {
                continue;
            }
            for (UUID creditId : sharedTo.getOrDefault(refund.reversesPaymentId, List.of())) {
                input.reversal(CreditReversal.ofPayment(creditId.toString(), refund.reversesPaymentId.toString(), refund.effectiveOn,
                        "refund"));
            }
        }
    }

    /** {@code amount} shared by the credits' amounts with the largest-remainder method; ties to the smaller credit id. */
    static Map<LedgerRow, Money> share(Money amount, List<LedgerRow> credits) {
        Map<LedgerRow, Money> shares = new LinkedHashMap<>();
        if (credits.isEmpty()) {
            return shares;
        }
        int minorUnits = Money.minorUnits(amount.currency());
        BigDecimal units = amount.amount().movePointRight(minorUnits).setScale(0, RoundingMode.HALF_UP);
        BigDecimal weightSum = credits.stream().map(LedgerRow::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (weightSum.signum() <= 0) {
            return shares;
        }
        Map<LedgerRow, BigDecimal> floors = new LinkedHashMap<>();
        Map<LedgerRow, BigDecimal> losses = new HashMap<>();
        BigDecimal allocated = BigDecimal.ZERO;
        for (LedgerRow row : credits) {
            BigDecimal exact = units.multiply(row.amount()).divide(weightSum, 12, RoundingMode.DOWN);
            BigDecimal floor = exact.setScale(0, RoundingMode.FLOOR);
            floors.put(row, floor);
            losses.put(row, exact.subtract(floor));
            allocated = allocated.add(floor);
        }
        int leftover = units.subtract(allocated).intValue();
        List<LedgerRow> byLoss = credits.stream().sorted(Comparator.<LedgerRow, BigDecimal>comparing(losses::get).reversed()
                .thenComparing(row -> row.id().toString())).toList();
        for (int i = 0; i < leftover && i < byLoss.size(); i++) {
            floors.merge(byLoss.get(i), BigDecimal.ONE, BigDecimal::add);
        }
        floors.forEach((row, floor) -> shares.put(row, Money.of(floor.movePointLeft(minorUnits).setScale(minorUnits), amount.currency())));
        return shares;
    }

    /** What the current runs of closed periods before the window paid the members, in the plan currency. */
    private List<PriorPayout> priorPayouts(PlanVersion plan, CommissionPeriod window, Set<String> members) {
        List<PriorPayout> payouts = new ArrayList<>();
        for (Period closed : Period.closedBefore(window.start())) {
            if (closed.currentRunId == null) {
                continue;
            }
            List<Statement> statements = Statement.list("runId = ?1 and memberId in ?2 and currency = ?3 order by memberId",
                    closed.currentRunId, members, plan.currency());
            if (statements.isEmpty()) {
                continue;
            }
            Map<UUID, List<CreditCommission>> paid = creditCommissions(statements, plan.currency());
            for (Statement statement : statements) {
                payouts.add(new PriorPayout(statement.id.toString(), statement.memberId, closed.window(), statement.totalMoney(),
                        paid.getOrDefault(statement.id, List.of())));
            }
        }
        return payouts;
    }

    private Map<UUID, List<CreditCommission>> creditCommissions(List<Statement> statements, String currency) {
        Map<UUID, String> memberOf = new HashMap<>();
        statements.forEach(statement -> memberOf.put(statement.id, statement.memberId));
        Map<UUID, List<CreditCommission>> paid = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select statement_id, credit_id, payment_id, deal_id, amount from statement_credit_commission
                        where statement_id in (:statements) order by statement_id, credit_id, payment_id nulls first""")
                .setParameter("statements", memberOf.keySet()).getResultList();
        for (Object[] row : rows) {
            UUID statementId = (UUID) row[0];
            paid.computeIfAbsent(statementId, s -> new ArrayList<>()).add(new CreditCommission(row[1].toString(),
                    row[2] == null ? null : row[2].toString(), row[3].toString(), memberOf.get(statementId),
                    Money.of((BigDecimal) row[4], currency).rounded(RoundingMode.UNNECESSARY)));
        }
        return paid;
    }

    /**
     * The ledger entries with their facts whose {@code column} (member or deal id, of SQL type {@code type}) is one of
     * {@code keys}, in append
     * order: read as plain rows over the transaction's connection (one statement, the keys as one array
     * parameter), not as entities, so they are neither managed by the persistence context nor passed over at
     * each flush of the calculation that reads them.
     */
    private List<LedgerRow> ledger(String column, String type, Collection<?> keys) {
        List<LedgerRow> rows = new ArrayList<>();
        if (keys.isEmpty()) {
            return rows;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    select e.id, e.seq, e.member_id, e.deal_id, e.kind, e.amount, e.currency, e.reverses_entry_id,
                           f.effective_on, f.product_line, f.channel, f.new_customer, f.reason
                    from credit_entry e join credit_entry_fact f on f.entry_id = e.id
                    where %s = any (?) order by e.seq""".formatted(column))) {
                query.setArray(1, connection.createArrayOf(type, keys.toArray()));
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        rows.add(new LedgerRow(result.getObject(1, UUID.class), result.getLong(2), result.getString(3),
                                result.getObject(4, UUID.class), CreditKind.valueOf(result.getString(5)), result.getBigDecimal(6),
                                result.getString(7), result.getObject(8, UUID.class), result.getObject(9, LocalDate.class),
                                result.getString(10), result.getString(11), result.getBoolean(12), result.getString(13)));
                    }
                }
            }
        });
        return rows;
    }

    /** A credit entry with its facts, as the calculation reads them. */
    record LedgerRow(UUID id, long seq, String memberId, UUID dealId, CreditKind kind, BigDecimal amount, String currency,
                     UUID reversesEntryId, LocalDate effectiveOn, String productLine, String channel, boolean newCustomer,
                     String reason) {

        Money money() {
            return Money.of(amount, currency).rounded(RoundingMode.UNNECESSARY);
        }
    }
}

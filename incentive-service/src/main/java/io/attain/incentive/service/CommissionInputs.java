package io.attain.incentive.service;

import io.attain.events.Money;
import io.attain.incentive.domain.CreditKind;
import io.attain.incentive.domain.DealPayment;
import io.attain.incentive.domain.Quota;
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

import java.math.BigDecimal;
import java.math.RoundingMode;
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

        // Under the booked basis only credits booked in the window count and only reversals dated in it claw back, so
        // the member's earlier quarters are not read: the ledger grows with every quarter, the window does not.
        List<LedgerRow> own = ledger("e.member_id", "varchar", members,
                plan.basis() == CommissionBasis.BOOKED ? window.start() : null);
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
        // In plain SQL (Rows): a JPQL query with collection parameters is translated anew on every call.
        List<Quota> candidates = Rows.list(em, """
                select target_id, member_id, metric, period_start, period_end, amount, currency from quota
                where member_id = any (?) and amount is not null and metric in (?, ?)
                and period_start >= ? and period_end <= ?
                order by member_id, period_start, target_id""", (connection, query) -> {
            query.setArray(1, connection.createArrayOf("varchar", members.toArray()));
            query.setString(2, REVENUE);
            query.setString(3, COLLECTIONS);
            query.setObject(4, window.start());
            query.setObject(5, window.end());
        }, row -> {
            Quota quota = new Quota();
            quota.targetId = row.getObject(1, UUID.class);
            quota.memberId = row.getString(2);
            quota.metric = row.getString(3);
            quota.periodStart = row.getObject(4, LocalDate.class);
            quota.periodEnd = row.getObject(5, LocalDate.class);
            quota.amount = row.getBigDecimal(6);
            quota.currency = row.getString(7);
            return quota;
        });
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
        for (LedgerRow row : ledger("e.deal_id", "uuid", deals, null)) {
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

    /**
     * What the current runs of closed periods before the window paid the members, in the plan currency: periods
     * by start, statements by member, and what each paid on each credit by credit and payment. One statement over
     * the periods, their statements and credit commissions together.
     */
    private List<PriorPayout> priorPayouts(PlanVersion plan, CommissionPeriod window, Set<String> members) {
        if (members.isEmpty()) {
            return List.of();
        }
        // One row per statement and what it paid on one credit (and payment), or alone when it paid on none.
        List<PaidRow> rows = Rows.list(em, """
                select p.name, p.period_start, p.period_end, s.id, s.member_id, s.total,
                       c.credit_id, c.payment_id, c.deal_id, c.amount
                from commission_period p
                join statement s on s.run_id = p.current_run_id
                left join statement_credit_commission c on c.statement_id = s.id
                where p.status = 'CLOSED' and p.period_end < ? and s.member_id = any (?) and s.currency = ?
                order by p.period_start, s.member_id, c.credit_id, c.payment_id nulls first""", (connection, query) -> {
            query.setObject(1, window.start());
            query.setArray(2, connection.createArrayOf("varchar", members.toArray()));
            query.setString(3, plan.currency());
        }, row -> {
            UUID creditId = row.getObject(7, UUID.class);
            UUID paymentId = row.getObject(8, UUID.class);
            return new PaidRow(new CommissionPeriod(row.getString(1), row.getObject(2, LocalDate.class), row.getObject(3, LocalDate.class)),
                    row.getObject(4, UUID.class), row.getString(5), row.getBigDecimal(6),
                    creditId == null ? null : new CreditCommission(creditId.toString(), paymentId == null ? null : paymentId.toString(),
                            row.getObject(9, UUID.class).toString(), row.getString(5),
                            Money.of(row.getBigDecimal(10), plan.currency()).rounded(RoundingMode.UNNECESSARY)));
        });
        Map<UUID, List<CreditCommission>> paid = new LinkedHashMap<>();
        Map<UUID, PaidRow> statements = new LinkedHashMap<>();
        for (PaidRow row : rows) {
            statements.putIfAbsent(row.statementId(), row);
            List<CreditCommission> ofStatement = paid.computeIfAbsent(row.statementId(), s -> new ArrayList<>());
            if (row.commission() != null) {
                ofStatement.add(row.commission());
            }
        }
        List<PriorPayout> payouts = new ArrayList<>(statements.size());
        statements.forEach((id, row) -> payouts.add(new PriorPayout(id.toString(), row.memberId(), row.window(),
                Money.of(row.total(), plan.currency()).rounded(RoundingMode.UNNECESSARY), paid.get(id))));
        return payouts;
    }

    /** A closed period's statement and one credit commission of it ({@code null} when it paid on no credit). */
    private record PaidRow(CommissionPeriod window, UUID statementId, String memberId, BigDecimal total, CreditCommission commission) {
    }

    /**
     * The ledger entries with their facts whose {@code column} (member or deal id, of SQL type {@code type}) is one of
     * {@code keys} and, when {@code effectiveFrom} is given, that count on that day or later, in append
     * order: read as plain rows over the transaction's connection (one statement, the keys as one array
     * parameter), not as entities, so they are neither managed by the persistence context nor passed over at
     * each flush of the calculation that reads them.
     */
    private List<LedgerRow> ledger(String column, String type, Collection<?> keys, LocalDate effectiveFrom) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return Rows.list(em, """
                select e.id, e.seq, e.member_id, e.deal_id, e.kind, e.amount, e.currency, e.reverses_entry_id,
                       f.effective_on, f.product_line, f.channel, f.new_customer, f.reason
                from credit_entry e join credit_entry_fact f on f.entry_id = e.id
                where %s = any (?)%s order by e.seq""".formatted(column, effectiveFrom == null ? "" : " and f.effective_on >= ?"),
                (connection, query) -> {
                    query.setArray(1, connection.createArrayOf(type, keys.toArray()));
                    if (effectiveFrom != null) {
                        query.setObject(2, effectiveFrom);
                    }
                },
                row -> new LedgerRow(row.getObject(1, UUID.class), row.getLong(2), row.getString(3), row.getObject(4, UUID.class),
                        CreditKind.valueOf(row.getString(5)), row.getBigDecimal(6), row.getString(7), row.getObject(8, UUID.class),
                        row.getObject(9, LocalDate.class), row.getString(10), row.getString(11), row.getBoolean(12),
                        row.getString(13)));
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

package io.attain.targets.service;

import io.agroal.api.AgroalDataSource;
import io.attain.events.Money;
import io.attain.support.api.PageParams;
import io.attain.support.problem.Problem;
import io.attain.support.problem.ProblemException;
import io.attain.support.security.Caller;
import io.attain.support.security.Roles;
import io.attain.targets.api.AttainmentDtos.AttainmentView;
import io.attain.targets.api.AttainmentDtos.LeaderboardView;
import io.attain.targets.api.AttainmentDtos.LearnedFunnelRequest;
import io.attain.targets.api.AttainmentDtos.StandingView;
import io.attain.targets.attainment.ActualSource;
import io.attain.targets.attainment.ActualsQuery;
import io.attain.targets.attainment.Attainment;
import io.attain.targets.attainment.AttainmentCalculator;
import io.attain.targets.attainment.DealFilter;
import io.attain.targets.attainment.Leaderboard;
import io.attain.targets.attainment.LearnedFunnel;
import io.attain.targets.attainment.OwnerScope;
import io.attain.targets.attainment.PaceBands;
import io.attain.targets.attainment.Seasonality;
import io.attain.targets.attainment.StageHistory;
import io.attain.targets.attainment.Standing;
import io.attain.targets.config.AttainmentConfig;
import io.attain.targets.domain.Member;
import io.attain.targets.domain.Metric;
import io.attain.targets.domain.OrgUnit;
import io.attain.targets.domain.Target;
import io.attain.targets.domain.decomposition.FunnelAssumptions;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Attainment and pacing of targets, leaderboards and the reverse funnel learned from deal history, all
 * read from the actuals read model ({@link ActualsService}) through {@link ActualsQuery}.
 *
 * <p>Whose deals count: a member's target counts that member's deals; an org unit's target what was credited
 * to the unit or below it by each owner's membership on the day ({@link io.attain.targets.attainment.ActualsRollup});
 * a leaderboard the current members of the subtree. Money metrics count deals in the target's currency only
 * (no conversion). Visibility follows targets: a rep reads their own, a manager the targets of their
 * subtree, finance and admin all; anything else is reported as not found.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AttainmentService {

    /** Longest history a learned funnel may read, so one request cannot scan the whole read model repeatedly. */
    static final long MAX_HISTORY_DAYS = 3 * 366;
    /** Longest leaderboard period. */
    static final long MAX_PERIOD_DAYS = 2 * 366;

    @Inject
    TargetService targets;

    @Inject
    Caller caller;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AttainmentConfig config;

    private AttainmentCalculator calculator;

    @PostConstruct
    void init() {
        AttainmentConfig.Pace pace = config.pace();
        calculator = new AttainmentCalculator(new PaceBands(pace.aheadFrom(), pace.onTrackFrom(), pace.behindFrom()),
                config.milestones());
    }

    public AttainmentView attainment(UUID targetId, LocalDate asOf) {
        Target target = targets.find(targetId).orElseThrow(() -> ProblemException.notFound("target", targetId));
        ActualSource source = sourceOf(target.metric);
        DealFilter filter;
        try {
            filter = DealFilter.of(target.dimensions);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(422, "dimension-not-measured", "Dimension not measured", e.getMessage());
        }
        OwnerScope owners = target.memberId != null ? OwnerScope.member(target.memberId)
                : OwnerScope.subtree(unit(target.orgUnitId).path);
        LocalDate day = asOf != null ? asOf : today();
        LocalDate last = day.isBefore(target.periodEnd) ? day : target.periodEnd;
        Map<LocalDate, BigDecimal> daily = day.isBefore(target.periodStart) ? Map.of()
                : query(connection -> ActualsQuery.daily(connection, new ActualsQuery.Criteria(source, owners, filter,
                target.currency, target.periodStart, last)));
        Seasonality seasonality = seasonalityOf(target);
        BigDecimal value = target.valueAmount != null ? target.valueAmount : target.quantity;
        int scale = target.metric.isMoney() ? Money.minorUnits(target.currency) : AttainmentCalculator.COUNT_SCALE;
        Attainment attainment = calculator.calculate(value, scale, target.periodStart, target.periodEnd, day,
                seasonality, daily);
        return AttainmentView.of(target, attainment, seasonality.byParts() ? "CHILD_PERIODS" : "LINEAR");
    }

    public LeaderboardView leaderboard(UUID orgUnitId, Metric metric, LocalDate periodStart, LocalDate periodEnd,
                                       String currency, LocalDate asOf, PageParams page) {
        if (periodEnd.isBefore(periodStart)) {
            throw ProblemException.invalidField("periodEnd", "must not be before periodStart " + periodStart);
        }
        if (ChronoUnit.DAYS.between(periodStart, periodEnd) >= MAX_PERIOD_DAYS) {
            throw ProblemException.invalidField("periodEnd", "a leaderboard covers at most " + MAX_PERIOD_DAYS + " days");
        }
        OrgUnit unit = OrgUnit.findById(orgUnitId);
        boolean figures = !caller.isOnlyRep();
        if (unit == null || !(figures ? mayManage(unit) : isOwnTeam(unit))) {
            throw ProblemException.notFound("org unit", orgUnitId);
        }
        ActualSource source = sourceOf(metric);
        List<Member> members = Member.list("role = ?1 and orgUnitId in (select u.id from OrgUnit u where u.path = ?2"
                + " or u.path like ?3)", Member.Role.REP, unit.path, unit.path + "/%");
        Map<String, Target> ownTargets = memberTargets(members, metric, periodStart, periodEnd);
        String unitOfMoney = metric.isMoney() ? currencyOf(currency, ownTargets.values()) : null;
        LocalDate day = asOf != null ? asOf : today();
        LocalDate last = day.isBefore(periodEnd) ? day : periodEnd;
        Map<String, BigDecimal> actuals = day.isBefore(periodStart) ? Map.of()
                : query(connection -> ActualsQuery.perMember(connection, new ActualsQuery.Criteria(source,
                OwnerScope.subtree(unit.path), DealFilter.ANY, unitOfMoney, periodStart, last)));
        int scale = metric.isMoney() ? Money.minorUnits(unitOfMoney) : AttainmentCalculator.COUNT_SCALE;
        List<Leaderboard.Entry> entries = members.stream().map(member -> {
            Target own = ownTargets.get(member.memberId);
            BigDecimal target = own == null ? null
                    : own.valueAmount != null && own.currency.equals(unitOfMoney) ? own.valueAmount : own.quantity;
            BigDecimal actual = actuals.getOrDefault(member.memberId, BigDecimal.ZERO)
                    .setScale(scale, java.math.RoundingMode.HALF_UP);
            return new Leaderboard.Entry(member.memberId, member.displayName, actual, target);
        }).toList();
        List<Standing> ranked = Leaderboard.rank(entries);
        int from = (int) Math.min((long) page.page * page.size, ranked.size());
        int to = Math.min(from + page.size, ranked.size());
        List<StandingView> items = ranked.subList(from, to).stream()
                .map(s -> StandingView.of(s, figures || s.memberId().equals(caller.id())))
                .toList();
        return new LeaderboardView(unit.id, metric, periodStart, periodEnd, unitOfMoney, day, items, page.page,
                page.size, ranked.size());
    }

    /** The learned assumptions with the history they come from. */
    public record Learned(FunnelAssumptions assumptions, StageHistory history) {
    }

    public Learned learnFunnel(LearnedFunnelRequest request) {
        if (request.historyTo().isBefore(request.historyFrom())) {
            throw ProblemException.invalidField("historyTo", "must not be before historyFrom " + request.historyFrom());
        }
        if (ChronoUnit.DAYS.between(request.historyFrom(), request.historyTo()) >= MAX_HISTORY_DAYS) {
            throw ProblemException.invalidField("historyTo", "the history covers at most " + MAX_HISTORY_DAYS + " days");
        }
        OwnerScope owners = historyOwners(request);
        String currency = request.target().currency();
        StageHistory history = query(connection -> ActualsQuery.stageHistory(connection, owners, currency,
                request.historyFrom(), request.historyTo()));
        try {
            return new Learned(LearnedFunnel.learn(history, currency), history);
        } catch (LearnedFunnel.InsufficientHistoryException e) {
            throw new ProblemException(422, "insufficient-history", "Insufficient history", e.getMessage(),
                    e.gaps().stream().map(gap -> new Problem.FieldError("historyFrom", gap)).toList());
        }
    }

    private OwnerScope historyOwners(LearnedFunnelRequest request) {
        if (request.memberId() != null && request.orgUnitId() != null) {
            throw ProblemException.invalidField("memberId", "give memberId or orgUnitId, not both");
        }
        if (request.memberId() != null) {
            if (!mayReadMember(request.memberId())) {
                throw ProblemException.invalidField("memberId", "member " + request.memberId() + " does not exist");
            }
            return OwnerScope.member(request.memberId());
        }
        if (request.orgUnitId() != null) {
            OrgUnit unit = OrgUnit.findById(request.orgUnitId());
            if (unit == null || caller.isOnlyRep() || !mayManage(unit)) {
                throw ProblemException.invalidField("orgUnitId", "org unit " + request.orgUnitId() + " does not exist");
            }
            return OwnerScope.subtree(unit.path);
        }
        if (caller.seesEverything()) {
            return OwnerScope.everyone();
        }
        if (caller.isOnlyRep()) {
            return OwnerScope.member(caller.id());
        }
        throw ProblemException.invalidField("orgUnitId", "a manager names the org unit (or member) whose history to learn from");
    }

    private boolean mayReadMember(String memberId) {
        if (caller.seesEverything() || memberId.equals(caller.id())) {
            return true;
        }
        if (caller.isOnlyRep()) {
            return false;
        }
        Member member = Member.findById(memberId);
        return member != null && mayManage(unit(member.orgUnitId));
    }

    /**
     * The expected curve: the target's children when their periods tile its own (a split by month or
     * quarter), otherwise linear by day.
     */
    private Seasonality seasonalityOf(Target target) {
        List<Target> children = Target.list("parentId", target.id);
        List<Seasonality.Part> parts = children.stream()
                .filter(child -> child.valueAmount != null || child.quantity != null)
                .map(child -> new Seasonality.Part(child.periodStart, child.periodEnd,
                        child.valueAmount != null ? child.valueAmount : child.quantity))
                .toList();
        return parts.size() < 2 ? Seasonality.linear(target.periodStart, target.periodEnd)
                : Seasonality.ofParts(target.periodStart, target.periodEnd, parts);
    }

    /** Each member's own overall (dimensionless) published target for the metric and exactly this period. */
    private static Map<String, Target> memberTargets(List<Member> members, Metric metric, LocalDate start, LocalDate end) {
        if (members.isEmpty()) {
            return Map.of();
        }
        List<Target> found = Target.list("metric = ?1 and periodStart = ?2 and periodEnd = ?3 and status = ?4"
                        + " and memberId in ?5", metric, start, end, Target.Status.PUBLISHED,
                members.stream().map(member -> member.memberId).toList());
        Map<String, Target> byMember = new HashMap<>();
        found.stream()
                .filter(target -> target.dimensions == null || target.dimensions.isEmpty())
                .sorted(Comparator.comparing((Target target) -> target.publishedAt))
                .forEach(target -> byMember.put(target.memberId, target));
        return byMember;
    }

    private static String currencyOf(String requested, java.util.Collection<Target> targets) {
        if (requested != null) {
            if (!Money.isKnownCurrency(requested)) {
                throw ProblemException.invalidField("currency", requested + " is not an ISO-4217 currency");
            }
            return requested;
        }
        return targets.stream().map(target -> target.currency).filter(java.util.Objects::nonNull).findFirst()
                .orElseThrow(() -> ProblemException.invalidField("currency",
                        "no member has a target for this metric and period to take the currency from; name it"));
    }

    private static ActualSource sourceOf(Metric metric) {
        return ActualSource.of(metric).orElseThrow(() -> new ProblemException(422, "metric-not-measured",
                "Metric not measured", metric + " cannot be measured from deal events (they carry no cost or renewal data)"));
    }

    private boolean isOwnTeam(OrgUnit unit) {
        return Member.<Member>findByIdOptional(caller.id()).map(self -> self.orgUnitId.equals(unit.id)).orElse(false);
    }

    private boolean mayManage(OrgUnit unit) {
        if (caller.seesEverything()) {
            return true;
        }
        return caller.is(Roles.MANAGER) && OrgUnit.managedBy(caller.id()).stream().anyMatch(managed -> managed.contains(unit));
    }

    private static OrgUnit unit(UUID id) {
        return Optional.<OrgUnit>ofNullable(OrgUnit.findById(id))
                .orElseThrow(() -> new IllegalStateException("org unit " + id + " of a stored target is missing"));
    }

    private LocalDate today() {
        return LocalDate.now(config.timeZone());
    }

    private interface Read<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T query(Read<T> read) {
        try (Connection connection = dataSource.getConnection()) {
            return read.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("reading actuals failed: " + e.getMessage(), e);
        }
    }
}

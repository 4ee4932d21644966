package io.attain.targets.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attain.events.EventTypes;
import io.attain.events.Topics;
import io.attain.support.api.Page;
import io.attain.support.api.PageParams;
import io.attain.support.outbox.Outbox;
import io.attain.support.problem.Problem;
import io.attain.support.problem.ProblemException;
import io.attain.support.security.Caller;
import io.attain.targets.api.DecompositionDtos.PreviewRequest;
import io.attain.targets.api.PlanDtos.CreatePlan;
import io.attain.targets.api.PlanDtos.DecomposePlan;
import io.attain.targets.config.PlansConfig;
import io.attain.targets.domain.Member;
import io.attain.targets.domain.Metric;
import io.attain.targets.domain.OrgUnit;
import io.attain.targets.domain.Target;
import io.attain.targets.domain.TargetPlan;
import io.attain.targets.domain.decomposition.Decomposition;
import io.attain.targets.domain.decomposition.DecompositionNode;
import io.attain.targets.domain.decomposition.Dimension;
import io.attain.targets.domain.decomposition.Level;
import io.attain.targets.domain.plan.Period;
import io.attain.targets.domain.plan.PeriodKeys;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Target plans: a metric over a fiscal period for an org unit (or one member), decomposed with the engine
 * into one draft target per node, published together. A plan's periods never overlap another plan's for the
 * same unit, member and metric. Managers plan for their subtree, admins anywhere; a refusal leaves nothing
 * behind, since every step runs in one transaction.
 */
@ApplicationScoped
@Transactional
public class PlanService {

    /** Dimension names of the fixed values a node carries in its scope (TIME and ORG become period and owner). */
    private static final Map<Dimension, String> DIMENSION_NAMES = Map.of(
            Dimension.PRODUCT_LINE, "productLine", Dimension.REGION, "region",
            Dimension.CUSTOMER_TIER, "customerTier", Dimension.CHANNEL, "channel",
            Dimension.NEW_VS_EXISTING, "newVsExisting");
    private static final Set<String> NEW_OR_EXISTING = Set.of("new", "existing");
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @Inject
    Outbox outbox;

    @Inject
    Caller caller;

    @Inject
    OrgScope scope;

    @Inject
    DecompositionService decompositionService;

    @Inject
    PlansConfig config;

    public TargetPlan create(CreatePlan request) {
        if (request.periodEnd().isBefore(request.periodStart())) {
            throw new ProblemException(400, "period-inverted", "Period inverted", "periodEnd: must not be before periodStart "
                    + request.periodStart(), List.of(new Problem.FieldError("periodEnd", "must not be before periodStart "
                    + request.periodStart())));
        }
        // locked, so two plans for one unit cannot both pass the overlap check
        OrgUnit unit = OrgUnit.findById(request.orgUnitId(), LockModeType.PESSIMISTIC_WRITE);
        if (unit == null || !scope.mayManage(unit)) {
            throw unknown("orgUnitId", "org unit " + request.orgUnitId() + " does not exist");
        }
        if (!unit.active) {
            throw ProblemException.conflict("org-unit-inactive", "Org unit inactive", "org unit " + unit.name + " is deactivated");
        }
        if (request.memberId() != null) {
            Member member = Member.findById(request.memberId());
            if (member == null || !member.active) {
                throw unknown("memberId", "member " + request.memberId() + " does not exist or has left");
            }
            if (!unit.contains(OrgUnit.findById(member.orgUnitId))) {
                throw unknown("memberId", "member " + request.memberId() + " does not belong to org unit " + unit.name);
            }
        }
        Metric metric = request.metric();
        TargetPlan plan = new TargetPlan();
        if (metric.isMoney()) {
            if (request.quantity() != null) {
                throw ProblemException.invalidField("quantity", "a " + metric + " plan is set as value, not quantity");
            }
            plan.valueAmount = TargetValues.checkedValue(request.value(), "value");
            plan.currency = request.value().currency();
        } else {
            if (request.value() != null) {
                throw ProblemException.invalidField("value", "a " + metric + " plan is a quantity, not money");
            }
            plan.quantity = TargetValues.checkedQuantity(metric, request.quantity(), "quantity");
        }
        BigDecimal lastYear = TargetValues.checkedComparison(metric, plan.currency, request.lastYear(), request.lastYearQuantity(), "lastYear");
        BigDecimal pipeline = TargetValues.checkedComparison(metric, plan.currency, request.pipeline(), request.pipelineQuantity(), "pipeline");
        if (metric.isMoney()) {
            plan.lastYearAmount = lastYear;
            plan.pipelineAmount = pipeline;
        } else {
            plan.lastYearQuantity = lastYear;
            plan.pipelineQuantity = pipeline;
        }
        requireNoOverlap(unit.id, request.memberId(), metric, new Period(request.periodStart(), request.periodEnd()));

        plan.id = UUID.randomUUID();
        plan.name = request.name() == null ? null : request.name().strip();
        plan.metric = metric;
        plan.periodStart = request.periodStart();
        plan.periodEnd = request.periodEnd();
        plan.orgUnitId = unit.id;
        plan.memberId = request.memberId();
        plan.status = TargetPlan.Status.DRAFT;
        plan.createdBy = caller.id();
        plan.createdAt = Instant.now();
        plan.persist();
        Target root = node(plan, null, null, List.of(), unit.id, plan.memberId,
                new Period(plan.periodStart, plan.periodEnd), Map.of(), plan.amountOrQuantity());
        root.persist();
        return plan;
    }

    /**
     * Decomposes the plan's total with the engine and stores one draft target per node, replacing an earlier
     * decomposition of the same draft plan.
     */
    public TargetPlan decompose(UUID planId, DecomposePlan request) {
        TargetPlan plan = findManaged(planId, true);
        if (plan.status != TargetPlan.Status.DRAFT) {
            throw ProblemException.conflict("plan-not-draft", "Plan already published",
                    "plan " + planId + " is " + plan.status + "; only a DRAFT plan can be decomposed");
        }
        if (plan.metric.isRate()) {
            throw new ProblemException(422, "metric-not-decomposable", "Metric cannot be decomposed",
                    plan.metric + " is a rate: its parts do not add up to it, so it is set per scope, not split");
        }
        if (plan.metric.isCount() && plan.quantity.stripTrailingZeros().scale() > 0) {
            throw new ProblemException(422, "metric-not-decomposable", "Metric cannot be decomposed",
                    "the plan's quantity " + plan.quantity.toPlainString() + " is not a whole count");
        }
        PreviewRequest preview = new PreviewRequest(plan.value(),
                plan.metric.isMoney() ? null : plan.quantity.longValueExact(), request.levels(), request.pins(), null);
        Decomposition decomposition = decompositionService.preview(preview).decomposition();
        int nodes = 0;
        for (int depth = 0; depth <= decomposition.depth(); depth++) {
            nodes += decomposition.nodeCount(depth);
        }
        if (nodes > config.maxTargets()) {
            throw DecompositionProblems.tooLarge("the decomposition has " + nodes + " nodes; a plan stores at most "
                    + config.maxTargets() + " targets: use fewer levels or fewer keys per level");
        }
        OrgUnit unit = OrgUnit.findById(plan.orgUnitId);
        List<Target> targets = new ArrayList<>(nodes);
        NodeScope rootScope = new NodeScope(unit, plan.memberId, new Period(plan.periodStart, plan.periodEnd), Map.of());
        collect(plan, decomposition.root(), null, rootScope, new OrgKeys(), targets);

        Target.delete("planId", plan.id);
        Target.getEntityManager().flush();
        for (Target target : targets) {
            target.persist();
        }
        plan.decomposition = json(request);
        Target.getEntityManager().flush();
        return plan;
    }

    /** Publishes the plan and every target of it, one target.published event per target, root first. */
    public TargetPlan publish(UUID planId) {
        TargetPlan plan = findManaged(planId, true);
        if (plan.status != TargetPlan.Status.DRAFT) {
            throw ProblemException.conflict("plan-not-draft", "Plan already published",
                    "plan " + planId + " is " + plan.status + "; only a DRAFT plan can be published");
        }
        Instant now = Instant.now();
        plan.status = TargetPlan.Status.PUBLISHED;
        plan.publishedAt = now;
        List<Target> targets = Target.<Target>list("planId", plan.id).stream()
                .sorted(Comparator.comparingInt((Target t) -> t.nodePath == null ? 0 : t.nodePath.size())).toList();
        for (Target target : targets) {
            target.status = Target.Status.PUBLISHED;
            target.publishedAt = now;
        }
        Target.getEntityManager().flush();
        for (Target target : targets) {
            outbox.publish(Topics.TARGET_EVENTS, EventTypes.TARGET_PUBLISHED, "target", target.id.toString(),
                    target.version, now, TargetValues.event(target, null, null, caller.id(), now));
        }
        return plan;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<TargetPlan> find(UUID id) {
        return Optional.ofNullable(findManaged(id, false));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<TargetPlan> list(UUID orgUnitId, Metric metric, PageParams page) {
        List<String> clauses = new ArrayList<>();
        Parameters params = new Parameters();
        if (!caller.seesEverything()) {
            clauses.add(scope.managedUnitsClause("orgUnitId", params));
        }
        if (orgUnitId != null) {
            clauses.add("orgUnitId = :unit");
            params.and("unit", orgUnitId);
        }
        if (metric != null) {
            clauses.add("metric = :metric");
            params.and("metric", metric);
        }
        String where = clauses.isEmpty() ? "1 = 1" : String.join(" and ", clauses);
        var query = TargetPlan.<TargetPlan>find(where, Sort.by("periodStart").and("createdAt").and("id"), params);
        return new Page<>(query.page(page.page, page.size).list(), page.page, page.size, query.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long targetCount(UUID planId) {
        return Target.count("planId", planId);
    }

    /** The plan when the caller may see it: finance and admins all, managers their subtree. */
    private TargetPlan findManaged(UUID id, boolean forChange) {
        TargetPlan plan = forChange ? TargetPlan.findById(id, LockModeType.PESSIMISTIC_WRITE) : TargetPlan.findById(id);
        boolean visible = plan != null && (forChange ? scope.mayManage(OrgUnit.findById(plan.orgUnitId))
                : caller.seesEverything() || scope.mayManage(OrgUnit.findById(plan.orgUnitId)));
        if (!visible) {
            if (forChange) {
                throw ProblemException.notFound("plan", id);
            }
            return null;
        }
        return plan;
    }

    private void requireNoOverlap(UUID orgUnitId, String memberId, Metric metric, Period period) {
        Parameters params = Parameters.with("unit", orgUnitId).and("metric", metric)
                .and("start", period.start()).and("end", period.end());
        String member = memberId == null ? "memberId is null" : "memberId = :member";
        if (memberId != null) {
            params.and("member", memberId);
        }
        Optional<TargetPlan> other = TargetPlan.<TargetPlan>find("orgUnitId = :unit and metric = :metric and " + member
                + " and periodStart <= :end and periodEnd >= :start", params).firstResultOptional();
        if (other.isPresent()) {
            TargetPlan clash = other.get();
            String detail = "plan " + clash.id + " already covers " + clash.periodStart + " to " + clash.periodEnd
                    + " for the same " + (memberId == null ? "org unit" : "member") + " and " + metric;
            throw new ProblemException(409, "plan-period-overlap", "Plan periods overlap", detail,
                    List.of(new Problem.FieldError("periodStart", detail)));
        }
    }

    /** Where a node sits: its unit and member, its period and its fixed dimensions. */
    private record NodeScope(OrgUnit unit, String memberId, Period period, Map<String, String> dimensions) {
    }

    /** Looks up each ORG key once: an org unit id or a member id. */
    private static final class OrgKeys {
        private final Map<String, Optional<OrgUnit>> units = new HashMap<>();
        private final Map<String, Optional<Member>> members = new HashMap<>();

        Optional<OrgUnit> unit(String key) {
            return units.computeIfAbsent(key, k -> {
                try {
                    return OrgUnit.<OrgUnit>findByIdOptional(UUID.fromString(k));
                } catch (IllegalArgumentException notAUuid) {
                    return Optional.empty();
                }
            });
        }

        Optional<Member> member(String key) {
            return members.computeIfAbsent(key, k -> Member.<Member>findByIdOptional(k));
        }
    }

    private void collect(TargetPlan plan, DecompositionNode node, Target parent, NodeScope nodeScope, OrgKeys orgKeys,
                         List<Target> into) {
        Target target = node(plan, parent, node.level().map(Level::name).orElse(null), node.path(), nodeScope.unit().id,
                nodeScope.memberId(), nodeScope.period(), nodeScope.dimensions(), node.value());
        into.add(target);
        for (DecompositionNode child : node.children()) {
            collect(plan, child, target, childScope(nodeScope, child, orgKeys), orgKeys, into);
        }
    }

    private NodeScope childScope(NodeScope parent, DecompositionNode child, OrgKeys orgKeys) {
        Level level = child.level().orElseThrow();
        String key = child.key();
        String field = "levels[" + (child.depth() - 1) + "]";
        return switch (level.dimension()) {
            case TIME -> {
                try {
                    yield new NodeScope(parent.unit(), parent.memberId(), PeriodKeys.resolve(key, parent.period()),
                            parent.dimensions());
                } catch (PeriodKeys.UnknownPeriodKey e) {
                    throw new ProblemException(422, "invalid-period-key", "Invalid period key",
                            field + ": " + e.getMessage(), List.of(new Problem.FieldError(field, e.getMessage())));
                }
            }
            case ORG -> orgScope(parent, key, orgKeys, field);
            default -> {
                if (level.dimension() == Dimension.NEW_VS_EXISTING && !NEW_OR_EXISTING.contains(key.toLowerCase(Locale.ROOT))) {
                    String detail = "'" + key + "' must be new or existing: deals are counted as one or the other";
                    throw new ProblemException(422, "invalid-dimension-key", "Invalid dimension key", field + ": " + detail,
                            List.of(new Problem.FieldError(field, detail)));
                }
                Map<String, String> dimensions = new TreeMap<>(parent.dimensions());
                // a dimension split twice (region, then 华东 within core) keeps the finer key: it is what deals carry
                dimensions.put(DIMENSION_NAMES.get(level.dimension()), key);
                yield new NodeScope(parent.unit(), parent.memberId(), parent.period(), dimensions);
            }
        };
    }

    private NodeScope orgScope(NodeScope parent, String key, OrgKeys orgKeys, String field) {
        if (parent.memberId() != null) {
            throw orgKeyProblem(422, "org-key-outside-scope", field, "'" + key
                    + "' splits a node that already belongs to member " + parent.memberId() + "; a person's target splits no further by org");
        }
        Optional<OrgUnit> unit = orgKeys.unit(key);
        if (unit.isPresent()) {
            if (!parent.unit().contains(unit.get()) || unit.get().id.equals(parent.unit().id)) {
                throw orgKeyProblem(422, "org-key-outside-scope", field, "org unit " + unit.get().name
                        + " does not lie below " + parent.unit().name);
            }
            if (!unit.get().active) {
                throw orgKeyProblem(409, "org-unit-inactive", field, "org unit " + unit.get().name + " is deactivated");
            }
            return new NodeScope(unit.get(), null, parent.period(), parent.dimensions());
        }
        Optional<Member> member = orgKeys.member(key);
        if (member.isEmpty() || !member.get().active) {
            throw orgKeyProblem(422, "unknown-org-key", field, "'" + key + "' is neither an org unit id nor an active member id");
        }
        OrgUnit memberUnit = OrgUnit.findById(member.get().orgUnitId);
        if (!parent.unit().contains(memberUnit)) {
            throw orgKeyProblem(422, "org-key-outside-scope", field, "member " + key + " does not belong to "
                    + parent.unit().name + " or a unit below it");
        }
        return new NodeScope(memberUnit, key, parent.period(), parent.dimensions());
    }

    private static ProblemException orgKeyProblem(int status, String slug, String field, String detail) {
        String title = switch (slug) {
            case "unknown-org-key" -> "Unknown org unit or member";
            case "org-unit-inactive" -> "Org unit inactive";
            default -> "Org key outside the plan's scope";
        };
        return new ProblemException(status, slug, title, field + ": " + detail, List.of(new Problem.FieldError(field, detail)));
    }

    private Target node(TargetPlan plan, Target parent, String levelName, List<String> path, UUID orgUnitId,
                        String memberId, Period period, Map<String, String> dimensions, BigDecimal value) {
        Target target = new Target();
        target.id = UUID.randomUUID();
        target.planId = plan.id;
        target.parentId = parent == null ? null : parent.id;
        target.levelName = levelName;
        target.nodePath = List.copyOf(path);
        target.dimensions = Map.copyOf(dimensions);
        target.metric = plan.metric;
        target.periodStart = period.start();
        target.periodEnd = period.end();
        target.orgUnitId = orgUnitId;
        target.memberId = memberId;
        if (plan.metric.isMoney()) {
            target.valueAmount = value;
            target.currency = plan.currency;
        } else {
            target.quantity = value;
        }
        target.status = Target.Status.DRAFT;
        target.createdBy = caller.id();
        target.createdAt = Instant.now();
        return target;
    }

    private static ProblemException unknown(String field, String detail) {
        return ProblemException.invalidField(field, detail);
    }

    private static String json(Object request) {
        try {
            return JSON.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store the decomposition request", e);
        }
    }
}

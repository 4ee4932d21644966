package io.attain.targets.service;

import io.attain.support.problem.ProblemException;
import io.attain.targets.api.CheckDtos.CheckRequest;
import io.attain.targets.api.CheckDtos.PlanCheckView;
import io.attain.targets.api.CheckDtos.TargetCheckView;
import io.attain.targets.config.ChecksConfig;
import io.attain.targets.domain.Metric;
import io.attain.targets.domain.Target;
import io.attain.targets.domain.TargetPlan;
import io.attain.targets.domain.check.Finding;
import io.attain.targets.domain.check.TargetChecks;
import io.attain.targets.domain.check.TargetFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Runs the target checks (SMART, growth vs last year, pipeline coverage) on a target or on every target of a
 * plan. History comes from the request or, for a plan's total, from what the plan stored. Reads only.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CheckService {

    @Inject
    TargetService targetService;

    @Inject
    PlanService planService;

    @Inject
    ChecksConfig config;

    public TargetCheckView checkTarget(UUID targetId, CheckRequest request) {
        Target target = targetService.find(targetId).orElseThrow(() -> ProblemException.notFound("target", targetId));
        TargetPlan plan = target.planId != null && isRoot(target) ? TargetPlan.findById(target.planId) : null;
        return check(target, history(target.metric, target.currency, request, plan));
    }

    public PlanCheckView checkPlan(UUID planId, CheckRequest request) {
        TargetPlan plan = planService.find(planId).orElseThrow(() -> ProblemException.notFound("plan", planId));
        History planHistory = history(plan.metric, plan.currency, request, plan);
        List<Target> targets = Target.<Target>list("planId", planId).stream()
                .sorted(Comparator.comparingInt((Target t) -> t.nodePath.size())).toList();
        List<TargetCheckView> views = new ArrayList<>();
        for (Target target : targets) {
            // history is known for the plan's total only; the parts get the SMART checks
            views.add(check(target, isRoot(target) ? planHistory : History.NONE));
        }
        return new PlanCheckView(planId, views.stream().allMatch(TargetCheckView::passed), views);
    }

    private record History(BigDecimal lastYear, BigDecimal pipeline) {
        static final History NONE = new History(null, null);
    }

    private static History history(Metric metric, String currency, CheckRequest request, TargetPlan plan) {
        BigDecimal lastYear = null;
        BigDecimal pipeline = null;
        if (request != null) {
            lastYear = TargetValues.checkedComparison(metric, currency, request.lastYear(), request.lastYearQuantity(), "lastYear");
            pipeline = TargetValues.checkedComparison(metric, currency, request.pipeline(), request.pipelineQuantity(), "pipeline");
        }
        if (plan != null) {
            if (lastYear == null) {
                lastYear = plan.metric.isMoney() ? plan.lastYearAmount : plan.lastYearQuantity;
            }
            if (pipeline == null) {
                pipeline = plan.metric.isMoney() ? plan.pipelineAmount : plan.pipelineQuantity;
            }
        }
        return new History(lastYear, pipeline);
    }

    private TargetCheckView check(Target target, History history) {
        TargetFacts facts = new TargetFacts(target.metric == null ? null : target.metric.name(),
                target.metric != null && target.metric.isMoney(), target.metric != null && target.metric.isCount(),
                target.metric != null && target.metric.isRate(), target.orgUnitId != null || target.memberId != null,
                target.periodStart, target.periodEnd, target.amountOrQuantity(), target.currency,
                history.lastYear(), history.pipeline());
        List<Finding> findings = new TargetChecks(config.bands()).check(facts);
        return new TargetCheckView(target.id, target.nodePath, TargetChecks.passed(findings), findings);
    }

    private static boolean isRoot(Target target) {
        return target.nodePath != null && target.nodePath.isEmpty();
    }
}

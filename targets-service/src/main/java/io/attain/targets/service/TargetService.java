package io.attain.targets.service;

import io.attain.events.EventTypes;
import io.attain.events.Topics;
import io.attain.support.api.Page;
import io.attain.support.api.PageParams;
import io.attain.support.outbox.Outbox;
import io.attain.support.problem.ProblemException;
import io.attain.support.security.Caller;
import io.attain.targets.api.TargetDtos.CreateTarget;
import io.attain.targets.domain.Member;
import io.attain.targets.domain.OrgUnit;
import io.attain.targets.domain.Target;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Targets: drafted by managers for their subtree (admins anywhere), published as target events.
 * Reps read their own targets only; anything outside the caller's scope is reported as not found.
 */
@ApplicationScoped
@Transactional
public class TargetService {

    @Inject
    Outbox outbox;

    @Inject
    Caller caller;

    @Inject
    OrgScope scope;

    public Target create(CreateTarget request) {
        if (request.periodEnd().isBefore(request.periodStart())) {
            throw ProblemException.invalidField("periodEnd", "must not be before periodStart " + request.periodStart());
        }
        OrgUnit unit = OrgUnit.findById(request.orgUnitId());
        if (unit == null || !scope.mayManage(unit)) {
            throw ProblemException.invalidField("orgUnitId", "org unit " + request.orgUnitId() + " does not exist");
        }
        if (request.memberId() != null) {
            Member member = Member.findById(request.memberId());
            if (member == null) {
                throw ProblemException.invalidField("memberId", "member " + request.memberId() + " does not exist");
            }
            OrgUnit memberUnit = OrgUnit.findById(member.orgUnitId);
            if (!unit.contains(memberUnit)) {
                throw ProblemException.invalidField("memberId",
                        "member " + request.memberId() + " does not belong to org unit " + unit.name);
            }
        }
        Target target = new Target();
        if (request.metric().isMoney()) {
            target.valueAmount = TargetValues.checkedValue(request.value(), "value");
            target.currency = request.value().currency();
            if (request.quantity() != null) {
                throw ProblemException.invalidField("quantity", "a " + request.metric() + " target is set as value, not quantity");
            }
        } else {
            if (request.value() != null) {
                throw ProblemException.invalidField("value", "a " + request.metric() + " target is a quantity, not money");
            }
            target.quantity = TargetValues.checkedQuantity(request.metric(), request.quantity(), "quantity");
        }
        target.id = UUID.randomUUID();
        target.metric = request.metric();
        target.periodStart = request.periodStart();
        target.periodEnd = request.periodEnd();
        target.orgUnitId = unit.id;
        target.memberId = request.memberId();
        target.status = Target.Status.DRAFT;
        target.createdBy = caller.id();
        target.createdAt = Instant.now();
        target.persist();
        return target;
    }

    public Target publish(UUID id) {
        Target target = findManaged(id);
        if (target.planId != null) {
            throw ProblemException.conflict("target-belongs-to-plan", "Target belongs to a plan",
                    "target " + id + " is part of plan " + target.planId + "; publish the plan, which publishes all its targets");
        }
        if (target.status != Target.Status.DRAFT) {
            throw ProblemException.conflict("target-not-draft", "Target already published",
                    "target " + id + " is " + target.status + "; only a DRAFT can be published");
        }
        target.status = Target.Status.PUBLISHED;
        target.publishedAt = Instant.now();
        Target.getEntityManager().flush();
        outbox.publish(Topics.TARGET_EVENTS, EventTypes.TARGET_PUBLISHED, "target", target.id.toString(), target.version,
                target.publishedAt, TargetValues.event(target, null, null, caller.id(), target.publishedAt));
        return target;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Target> find(UUID id) {
        return Target.<Target>findByIdOptional(id).filter(scope::mayRead);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Target> list(String memberId, UUID orgUnitId, UUID planId, PageParams page) {
        List<String> clauses = new ArrayList<>();
        Parameters params = new Parameters();
        if (caller.isOnlyRep()) {
            clauses.add("memberId = :self");
            params.and("self", caller.id());
        } else if (!caller.seesEverything()) {
            clauses.add(scope.managedUnitsClause("orgUnitId", params));
        }
        if (memberId != null) {
            clauses.add("memberId = :member");
            params.and("member", memberId);
        }
        if (orgUnitId != null) {
            clauses.add("orgUnitId = :unit");
            params.and("unit", orgUnitId);
        }
        if (planId != null) {
            clauses.add("planId = :plan");
            params.and("plan", planId);
        }
        String where = clauses.isEmpty() ? "1 = 1" : String.join(" and ", clauses);
        var query = Target.<Target>find(where, Sort.by("periodStart").and("periodEnd", Sort.Direction.Descending).and("createdAt").and("id"), params);
        return new Page<>(query.page(page.page, page.size).list(), page.page, page.size, query.count());
    }

    /** A target the caller may change; 404 when it does not exist or lies outside the caller's subtree. */
    public Target findManaged(UUID id) {
        Target target = Target.findById(id);
        if (target == null || !scope.mayManage(OrgUnit.findById(target.orgUnitId))) {
            throw ProblemException.notFound("target", id);
        }
        return target;
    }
}

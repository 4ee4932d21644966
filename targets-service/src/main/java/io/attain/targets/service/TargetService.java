package io.attain.targets.service;

import io.attain.events.EventTypes;
import io.attain.events.Money;
import io.attain.events.TargetEvent;
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

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    public Target create(CreateTarget request) {
        if (request.periodEnd().isBefore(request.periodStart())) {
            throw ProblemException.invalidField("periodEnd", "must not be before periodStart " + request.periodStart());
        }
        OrgUnit unit = OrgUnit.findById(request.orgUnitId());
        if (unit == null || !mayManage(unit)) {
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
            target.valueAmount = checkedValue(request.value());
            target.currency = request.value().currency();
            if (request.quantity() != null) {
                throw ProblemException.invalidField("quantity", "a " + request.metric() + " target is set as value, not quantity");
            }
        } else {
            if (request.quantity() == null) {
                throw ProblemException.invalidField("quantity", "a " + request.metric() + " target needs a quantity");
            }
            if (request.value() != null) {
                throw ProblemException.invalidField("value", "a " + request.metric() + " target is a quantity, not money");
            }
            target.quantity = request.quantity();
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
        if (target.status != Target.Status.DRAFT) {
            throw ProblemException.conflict("target-not-draft", "Target already published",
                    "target " + id + " is " + target.status + "; only a DRAFT can be published");
        }
        target.status = Target.Status.PUBLISHED;
        target.publishedAt = Instant.now();
        Target.getEntityManager().flush();
        long version = target.version;
        outbox.publish(Topics.TARGET_EVENTS, EventTypes.TARGET_PUBLISHED, "target", target.id.toString(), version,
                target.publishedAt, new TargetEvent(target.id, version, null, target.metric.name(), target.periodStart,
                        target.periodEnd, new TargetEvent.TargetScope(target.orgUnitId, target.memberId, Map.of()),
                        target.value(), target.quantity, null, null, caller.id(), target.publishedAt));
        return target;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Target> find(UUID id) {
        return Target.<Target>findByIdOptional(id).filter(this::mayRead);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Target> list(String memberId, UUID orgUnitId, PageParams page) {
        List<String> clauses = new ArrayList<>();
        Parameters params = new Parameters();
        if (caller.isOnlyRep()) {
            clauses.add("memberId = :self");
            params.and("self", caller.id());
        } else if (!caller.seesEverything()) {
            List<String> paths = managedPaths();
            if (paths.isEmpty()) {
                return new Page<>(List.of(), page.page, page.size, 0);
            }
            List<String> scopes = new ArrayList<>();
            for (int i = 0; i < paths.size(); i++) {
                scopes.add("u.path = :p" + i + " or u.path like :s" + i);
                params.and("p" + i, paths.get(i)).and("s" + i, paths.get(i) + "/%");
            }
            clauses.add("orgUnitId in (select u.id from OrgUnit u where " + String.join(" or ", scopes) + ")");
        }
        if (memberId != null) {
            clauses.add("memberId = :member");
            params.and("member", memberId);
        }
        if (orgUnitId != null) {
            clauses.add("orgUnitId = :unit");
            params.and("unit", orgUnitId);
        }
        String where = clauses.isEmpty() ? "1 = 1" : String.join(" and ", clauses);
        var query = Target.<Target>find(where, Sort.by("periodStart").and("createdAt"), params);
        return new Page<>(query.page(page.page, page.size).list(), page.page, page.size, query.count());
    }

    private Target findManaged(UUID id) {
        Target target = Target.findById(id);
        if (target == null || !mayManage(OrgUnit.findById(target.orgUnitId))) {
            throw ProblemException.notFound("target", id);
        }
        return target;
    }

    private boolean mayRead(Target target) {
        if (caller.seesEverything()) {
            return true;
        }
        if (caller.id().equals(target.memberId)) {
            return true;
        }
        return !caller.isOnlyRep() && mayManage(OrgUnit.findById(target.orgUnitId));
    }

    /** Admins manage everything; a manager manages the subtrees of the units they manage. */
    private boolean mayManage(OrgUnit unit) {
        if (caller.is(io.attain.support.security.Roles.ADMIN)) {
            return true;
        }
        return OrgUnit.managedBy(caller.id()).stream().anyMatch(managed -> managed.contains(unit));
    }

    private List<String> managedPaths() {
        return OrgUnit.managedBy(caller.id()).stream().map(unit -> unit.path).toList();
    }

    private static BigDecimal checkedValue(Money value) {
        if (value == null) {
            throw ProblemException.invalidField("value", "a money target needs a value with amount and currency");
        }
        if (value.amount().signum() <= 0) {
            throw ProblemException.invalidField("value.amount", "must be greater than zero");
        }
        if (value.amount().stripTrailingZeros().scale() > Money.minorUnits(value.currency())) {
            throw ProblemException.invalidField("value.amount",
                    "has more decimals than " + value.currency() + " allows (" + Money.minorUnits(value.currency()) + ")");
        }
        if (value.amount().compareTo(new BigDecimal("1000000000000000")) >= 0) {
            throw ProblemException.invalidField("value.amount", "is implausibly large");
        }
        return value.amount();
    }
}

package io.attain.targets.service;

import io.attain.events.EventTypes;
import io.attain.events.Money;
import io.attain.events.Topics;
import io.attain.support.outbox.Outbox;
import io.attain.support.problem.Problem;
import io.attain.support.problem.ProblemException;
import io.attain.support.security.Caller;
import io.attain.support.security.Roles;
import io.attain.targets.api.AdjustmentDtos.AdjustTarget;
import io.attain.targets.config.AdjustmentsConfig;
import io.attain.targets.domain.OrgUnit;
import io.attain.targets.domain.Target;
import io.attain.targets.domain.TargetAdjustment;
import io.attain.targets.domain.adjustment.AdjustmentPolicy;
import io.attain.targets.domain.adjustment.AdjustmentPolicy.Actor;
import io.attain.targets.domain.adjustment.AdjustmentPolicy.Authority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Adjustments of published targets (调整机制). Small changes apply at once; changes beyond the configured
 * threshold wait for a higher manager's approval. Each applied change bumps the target's version and is
 * published as target.adjusted; the adjustment rows are the target's history and are never rewritten.
 */
@ApplicationScoped
@Transactional
public class AdjustmentService {

    @Inject
    Outbox outbox;

    @Inject
    Caller caller;

    @Inject
    OrgScope scope;

    @Inject
    TargetService targetService;

    @Inject
    AdjustmentsConfig config;

    public TargetAdjustment request(UUID targetId, AdjustTarget request) {
        Target target = lockedManaged(targetId);
        if (target.status != Target.Status.PUBLISHED) {
            throw ProblemException.conflict("target-not-published", "Target not published",
                    "target " + targetId + " is a " + target.status + "; drafts are edited through their plan, not adjusted");
        }
        requireOpenPeriod(target);
        if (TargetAdjustment.count("targetId = ?1 and status = ?2", targetId, TargetAdjustment.Status.PENDING) > 0) {
            throw ProblemException.conflict("adjustment-pending", "Adjustment pending",
                    "target " + targetId + " has an adjustment waiting for approval; approve or reject it first");
        }
        BigDecimal oldValue = target.amountOrQuantity();
        BigDecimal newValue = newValue(target, request);
        if (newValue.compareTo(oldValue) == 0) {
            throw new ProblemException(422, "adjustment-unchanged", "Nothing to adjust",
                    "the new value equals the target's current value " + oldValue.stripTrailingZeros().toPlainString());
        }
        AdjustmentPolicy policy = policy();
        TargetAdjustment adjustment = new TargetAdjustment();
        adjustment.id = UUID.randomUUID();
        adjustment.targetId = target.id;
        adjustment.currency = target.currency;
        if (target.metric.isMoney()) {
            adjustment.oldAmount = oldValue;
            adjustment.newAmount = newValue;
        } else {
            adjustment.oldQuantity = oldValue;
            adjustment.newQuantity = newValue;
        }
        // a node decomposed to zero has no ratio; any change of it is as large as a change can be
        boolean fromZero = oldValue.signum() == 0;
        adjustment.changeRatio = fromZero ? BigDecimal.ZERO : AdjustmentPolicy.changeRatio(oldValue, newValue);
        adjustment.reason = request.reason().strip();
        adjustment.requestedBy = caller.id();
        adjustment.requestedAt = Instant.now();
        boolean pending = fromZero || policy.needsApproval(adjustment.changeRatio);
        adjustment.status = pending ? TargetAdjustment.Status.PENDING : TargetAdjustment.Status.APPLIED;
        adjustment.persist();
        if (!pending) {
            apply(target, adjustment, adjustment.requestedAt);
        }
        return adjustment;
    }

    public TargetAdjustment approve(UUID targetId, UUID adjustmentId, String note) {
        Target target = lockedManaged(targetId);
        TargetAdjustment adjustment = pending(targetId, adjustmentId);
        requireAuthority(target, adjustment);
        requireOpenPeriod(target);
        adjustment.decidedBy = caller.id();
        adjustment.decidedAt = Instant.now();
        adjustment.decisionNote = note;
        apply(target, adjustment, adjustment.decidedAt);
        return adjustment;
    }

    public TargetAdjustment reject(UUID targetId, UUID adjustmentId, String note) {
        Target target = lockedManaged(targetId);
        TargetAdjustment adjustment = pending(targetId, adjustmentId);
        requireAuthority(target, adjustment);
        adjustment.status = TargetAdjustment.Status.REJECTED;
        adjustment.decidedBy = caller.id();
        adjustment.decidedAt = Instant.now();
        adjustment.decisionNote = note;
        return adjustment;
    }

    /** The target's adjustments, oldest first, when the caller may read the target. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<History> history(UUID targetId) {
        return targetService.find(targetId).map(target -> new History(target, TargetAdjustment.historyOf(targetId)));
    }

    public record History(Target target, List<TargetAdjustment> adjustments) {
    }

    private void apply(Target target, TargetAdjustment adjustment, Instant when) {
        BigDecimal previous = target.amountOrQuantity();
        if (target.metric.isMoney()) {
            target.valueAmount = adjustment.newAmount;
        } else {
            target.quantity = adjustment.newQuantity;
        }
        Target.getEntityManager().flush();
        adjustment.status = TargetAdjustment.Status.APPLIED;
        adjustment.appliedVersion = target.version;
        outbox.publish(Topics.TARGET_EVENTS, EventTypes.TARGET_ADJUSTED, "target", target.id.toString(), target.version,
                when, TargetValues.event(target, previous, adjustment.reason, adjustment.requestedBy, when));
    }

    private BigDecimal newValue(Target target, AdjustTarget request) {
        if (target.metric.isMoney()) {
            if (request.newQuantity() != null) {
                throw ProblemException.invalidField("newQuantity", "a " + target.metric + " target is adjusted by newValue");
            }
            Money value = request.newValue();
            if (value != null && !value.currency().equals(target.currency)) {
                String detail = "is " + value.currency() + " but the target is in " + target.currency;
                throw new ProblemException(422, "unit-mismatch", "Unit mismatch", "newValue.currency: " + detail,
                        List.of(new Problem.FieldError("newValue.currency", detail)));
            }
            return TargetValues.checkedValue(value, "newValue");
        }
        if (request.newValue() != null) {
            throw ProblemException.invalidField("newValue", "a " + target.metric + " target is adjusted by newQuantity");
        }
        return TargetValues.checkedQuantity(target.metric, request.newQuantity(), "newQuantity");
    }

    private void requireOpenPeriod(Target target) {
        LocalDate closesAfter = target.periodEnd.plusDays(config.graceDays());
        if (LocalDate.now().isAfter(closesAfter)) {
            throw ProblemException.conflict("period-closed", "Period closed", "target " + target.id + "'s period ended "
                    + target.periodEnd + " and closed after " + config.graceDays() + " day(s) of grace; its history is final");
        }
    }

    private TargetAdjustment pending(UUID targetId, UUID adjustmentId) {
        TargetAdjustment adjustment = TargetAdjustment.findById(adjustmentId, LockModeType.PESSIMISTIC_WRITE);
        if (adjustment == null || !adjustment.targetId.equals(targetId)) {
            throw ProblemException.notFound("adjustment", adjustmentId);
        }
        if (adjustment.status != TargetAdjustment.Status.PENDING) {
            throw ProblemException.conflict("adjustment-not-pending", "Adjustment already decided",
                    "adjustment " + adjustmentId + " is " + adjustment.status + "; only a PENDING one can be decided");
        }
        return adjustment;
    }

    private void requireAuthority(Target target, TargetAdjustment adjustment) {
        OrgUnit unit = OrgUnit.findById(target.orgUnitId);
        List<String> unitPath = pathOf(unit);
        Actor approver = new Actor(caller.id(), caller.is(Roles.ADMIN), managedPaths(caller.id()));
        List<List<String>> requesterPaths = managedPaths(adjustment.requestedBy);
        // whoever requested without managing the target's unit did so as an admin
        boolean requesterAdmin = requesterPaths.stream().noneMatch(path -> startsWith(unitPath, path));
        Actor requester = new Actor(adjustment.requestedBy, requesterAdmin, requesterPaths);
        Authority authority = policy().authority(approver, requester, unitPath);
        switch (authority) {
            case ALLOWED -> { }
            case OWN_REQUEST -> throw ProblemException.forbidden(
                    "nobody decides their own adjustment: a higher manager or an admin must approve it");
            case NOT_HIGHER -> throw ProblemException.forbidden("only an admin or the manager of a unit above "
                    + adjustment.requestedBy + "'s for " + unit.name + " may decide this adjustment");
        }
    }

    private AdjustmentPolicy policy() {
        return new AdjustmentPolicy(config.approvalThreshold());
    }

    private Target lockedManaged(UUID targetId) {
        targetService.findManaged(targetId);
        return Target.findById(targetId, LockModeType.PESSIMISTIC_WRITE);
    }

    private static List<List<String>> managedPaths(String memberId) {
        return OrgUnit.managedBy(memberId).stream().map(AdjustmentService::pathOf).toList();
    }

    private static List<String> pathOf(OrgUnit unit) {
        return List.of(unit.path.split("/"));
    }

    private static boolean startsWith(List<String> path, List<String> prefix) {
        return prefix.size() <= path.size() && path.subList(0, prefix.size()).equals(prefix);
    }
}

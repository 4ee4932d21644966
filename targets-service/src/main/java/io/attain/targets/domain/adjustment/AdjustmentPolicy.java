package io.attain.targets.domain.adjustment;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;

/**
 * When an adjustment of a published target needs a higher manager's approval, and who may give it.
 *
 * <p>A change of more than {@code approvalThreshold} (as a fraction of the old value, either way) waits for
 * approval. The approver must rank above the requester for the target's unit: an admin, or the manager of an
 * org unit that contains the target's unit and lies strictly above every unit through which the requester
 * manages it. Nobody approves their own request. Plain Java: org units are given as their root-first id paths.
 */
public final class AdjustmentPolicy {

    private static final MathContext RATIO = new MathContext(20, RoundingMode.HALF_EVEN);

    /** Why an approver may or may not decide. */
    public enum Authority { ALLOWED, OWN_REQUEST, NOT_HIGHER }

    /**
     * Someone who requests or decides an adjustment.
     *
     * @param managedPaths root-first id paths of the org units this person manages
     */
    public record Actor(String id, boolean admin, List<List<String>> managedPaths) {
        public Actor {
            Objects.requireNonNull(id, "id");
            managedPaths = managedPaths == null ? List.of() : List.copyOf(managedPaths);
        }
    }

    private final BigDecimal approvalThreshold;

    /** @param approvalThreshold e.g. 0.10: changes above 10 % need approval */
    public AdjustmentPolicy(BigDecimal approvalThreshold) {
        Objects.requireNonNull(approvalThreshold, "approvalThreshold");
        if (approvalThreshold.signum() < 0) {
            throw new IllegalArgumentException("approval threshold must not be negative: " + approvalThreshold);
        }
        this.approvalThreshold = approvalThreshold;
    }

    /** (new − old) ÷ old, six decimals; old must be positive. */
    public static BigDecimal changeRatio(BigDecimal oldValue, BigDecimal newValue) {
        if (oldValue.signum() <= 0) {
            throw new IllegalArgumentException("the old value must be positive: " + oldValue);
        }
        return newValue.subtract(oldValue).divide(oldValue, RATIO).setScale(6, RoundingMode.HALF_EVEN);
    }

    public boolean needsApproval(BigDecimal changeRatio) {
        return changeRatio.abs().compareTo(approvalThreshold) > 0;
    }

    public BigDecimal approvalThreshold() {
        return approvalThreshold;
    }

    /** Whether {@code approver} may decide {@code requester}'s adjustment of a target of the unit at {@code unitPath}. */
    public Authority authority(Actor approver, Actor requester, List<String> unitPath) {
        if (approver.id().equals(requester.id())) {
            return Authority.OWN_REQUEST;
        }
        if (approver.admin()) {
            return Authority.ALLOWED;
        }
        if (requester.admin()) {
            // only another admin outranks an admin
            return Authority.NOT_HIGHER;
        }
        int approverDepth = highestContaining(approver, unitPath);
        // a smaller depth is a higher rank
        return approverDepth < highestContaining(requester, unitPath) ? Authority.ALLOWED : Authority.NOT_HIGHER;
    }

    /**
     * Depth (0 = root) of the highest unit the actor manages that contains the unit at {@code unitPath};
     * {@code Integer.MAX_VALUE} when the actor manages none of them.
     */
    private static int highestContaining(Actor actor, List<String> unitPath) {
        int highest = Integer.MAX_VALUE;
        for (List<String> managed : actor.managedPaths()) {
            if (managed.size() <= unitPath.size() && unitPath.subList(0, managed.size()).equals(managed)) {
                highest = Math.min(highest, managed.size() - 1);
            }
        }
        return highest;
    }
}

package io.attain.incentive.domain.commission;

import java.math.BigDecimal;

/**
 * A team's manager earns {@code percent} of the commission their team members earn in the window (their
 * tier, multiplier, gate, cap and SPIFF lines; the manager's own commission is not part of it).
 */
public record ManagerOverride(BigDecimal percent) {

    public ManagerOverride {
        if (percent == null || percent.signum() < 0) {
            throw new InvalidPlanException("a manager override must be 0% or more, was " + percent);
        }
    }
}

package io.attain.incentive.domain.commission;

import io.attain.events.Money;

import java.math.BigDecimal;

/**
 * The team bonus (团队奖): when a team's credit reaches its target, each member gets {@code fixedPerMember}
 * (达标奖, e.g. one month's base pay), and {@code excessPoolPercent} of the credit above target forms a pool
 * (超额奖) shared among the members by their share of the team's credit.
 */
public record TeamBonus(Money fixedPerMember, BigDecimal excessPoolPercent) {

    public TeamBonus {
        if (fixedPerMember == null || fixedPerMember.isNegative()) {
            throw new InvalidPlanException("the fixed team bonus must be zero or more, was " + fixedPerMember);
        }
        if (fixedPerMember.amount().stripTrailingZeros().scale() > Money.minorUnits(fixedPerMember.currency())) {
            throw new InvalidPlanException("the fixed team bonus " + fixedPerMember + " has more decimals than "
                    + fixedPerMember.currency() + " allows");
        }
        if (excessPoolPercent == null || excessPoolPercent.signum() < 0) {
            throw new InvalidPlanException("the team excess pool must be 0% or more, was " + excessPoolPercent);
        }
    }
}

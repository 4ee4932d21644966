package io.attain.incentive.domain.commission;

import io.attain.events.Money;

import java.math.BigDecimal;

/**
 * The most a plan pays in attainment-based commission (tier and multiplier lines) for one calculation window.
 * SPIFFs, team bonuses and overrides are programmes of their own and are not capped.
 */
public sealed interface Cap {

    /** Commission is paid up to {@code maximum} (in the plan currency); the rest is cut by a {@code CAP} line. */
    record OnPayout(Money maximum) implements Cap {
        public OnPayout {
            if (maximum == null || maximum.isNegative() || maximum.isZero()) {
                throw new InvalidPlanException("a payout cap must be above zero, was " + maximum);
            }
            if (maximum.amount().stripTrailingZeros().scale() > Money.minorUnits(maximum.currency())) {
                throw new InvalidPlanException("payout cap " + maximum + " has more decimals than " + maximum.currency() + " allows");
            }
        }
    }

    /**
     * Credit counts only up to {@code maximumPercent} of quota: the credit above it earns nothing, and the
     * commission is that of the capped attainment, spread over all credits of the window.
     */
    record OnAttainment(BigDecimal maximumPercent) implements Cap {
        public OnAttainment {
            if (maximumPercent == null || maximumPercent.signum() <= 0) {
                throw new InvalidPlanException("an attainment cap must be above 0%, was " + maximumPercent);
            }
        }
    }
}

package io.attain.incentive.domain.commission;

import io.attain.events.Money;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A time-boxed bonus on matching deals, either a fixed amount per deal or a percentage of matching credit.
 *
 * <ul>
 *   <li>Fixed: {@code fixedPerDeal} for each matching credit booked between {@code from} and {@code to}
 *       (inclusive) and within the calculation window, whatever the plan's basis: a SPIFF rewards closing the
 *       deal.</li>
 *   <li>Percentage: {@code percent} of the matching credited amount (booked or collected, by the plan's basis)
 *       that counts between {@code from} and {@code to} and within the calculation window.</li>
 * </ul>
 * SPIFFs are paid whatever the attainment: no gate and no cap applies to them.
 */
public record Spiff(String spiffId, String name, LocalDate from, LocalDate to, DealCriteria criteria,
                    Money fixedPerDeal, BigDecimal percent) {

    public Spiff {
        if (spiffId == null || spiffId.isBlank()) {
            throw new InvalidPlanException("a SPIFF needs an id");
        }
        if (name == null || name.isBlank()) {
            throw new InvalidPlanException("SPIFF " + spiffId + " needs a name");
        }
        if (from == null || to == null || to.isBefore(from)) {
            throw new InvalidPlanException("SPIFF " + spiffId + " must run from a date to the same or a later date, got "
                    + from + " to " + to);
        }
        if (criteria == null) {
            criteria = DealCriteria.any();
        }
        if ((fixedPerDeal == null) == (percent == null)) {
            throw new InvalidPlanException("SPIFF " + spiffId + " must pay either a fixed amount per deal or a percentage, not "
                    + (fixedPerDeal == null ? "neither" : "both"));
        }
        if (fixedPerDeal != null && (fixedPerDeal.isNegative() || fixedPerDeal.isZero())) {
            throw new InvalidPlanException("SPIFF " + spiffId + " must pay a fixed amount above zero, was " + fixedPerDeal);
        }
        if (fixedPerDeal != null && fixedPerDeal.amount().stripTrailingZeros().scale() > Money.minorUnits(fixedPerDeal.currency())) {
            throw new InvalidPlanException("SPIFF " + spiffId + " pays " + fixedPerDeal + ", more decimals than "
                    + fixedPerDeal.currency() + " allows");
        }
        if (percent != null && percent.signum() <= 0) {
            throw new InvalidPlanException("SPIFF " + spiffId + " must pay a percentage above 0%, was " + percent);
        }
    }

    public static Spiff fixed(String spiffId, String name, LocalDate from, LocalDate to, DealCriteria criteria, Money perDeal) {
        return new Spiff(spiffId, name, from, to, criteria, perDeal, null);
    }

    public static Spiff percentage(String spiffId, String name, LocalDate from, LocalDate to, DealCriteria criteria, String percent) {
        return new Spiff(spiffId, name, from, to, criteria, null, new BigDecimal(percent));
    }

    public boolean runsOn(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}

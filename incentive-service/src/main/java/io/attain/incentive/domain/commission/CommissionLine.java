package io.attain.incentive.domain.commission;

import io.attain.events.Money;

import java.math.BigDecimal;

/**
 * One line of a statement.
 *
 * @param rule              which part of the plan or input produced it, e.g. {@code tier:100},
 *                          {@code multiplier:PRODUCT_LINE=B}, {@code spiff:q3-push}, {@code team:east},
 *                          {@code reversal:c-17}, {@code true-up}
 * @param basis             the amount the rate applies to (or the pool shared, the commission overridden, the
 *                          amount already paid); {@code null} when there is none
 * @param ratePercent       the rate applied, in percent; {@code null} when the line is not a rate times a basis
 * @param attainmentPercent the attainment the line depends on (the member's, or the team's for team lines),
 *                          truncated to two decimals; {@code null} when it depends on none
 * @param amount            rounded to the currency's minor unit here, once
 * @param explanation       why, in words, e.g. "1.5% on 1,100,000.00 CNY because attainment 110.00% reached the 100% tier"
 */
public record CommissionLine(String memberId, CommissionComponent component, String rule, Money basis, BigDecimal ratePercent,
                             BigDecimal attainmentPercent, Money amount, String explanation) {

    public CommissionLine {
        if (memberId == null || component == null || rule == null || amount == null || explanation == null) {
            throw new IllegalArgumentException("a commission line needs a member, component, rule, amount and explanation");
        }
        if (amount.amount().scale() != Money.minorUnits(amount.currency())) {
            throw new IllegalArgumentException("commission line amount " + amount + " is not at the minor unit of " + amount.currency());
        }
    }
}

package io.attain.incentive.domain.commission;

import io.attain.events.Money;

import java.math.BigDecimal;
import java.util.List;

/**
 * One member's statement for a window: every line with its explanation, and a total that is exactly the sum
 * of the rounded lines.
 *
 * @param quota             the member's quota in the plan currency; {@code null} without one
 * @param attainmentPercent credited amount as a percentage of quota, truncated to two decimals; {@code null} without a quota
 * @param creditCommissions what this statement pays on each credit, by credit and payment (see {@link CreditCommission});
 *                          keep them with the payout, so that a later reversal claws back exactly. One entry per
 *                          credit (payment), in a fixed order that does not depend on the order of the input: by
 *                          the hash of the credit id, then the credit id, then the payment
 */
public record CommissionStatement(String memberId, CommissionPeriod period, String planId, int planVersion, Money quota,
                                  BigDecimal attainmentPercent, List<CommissionLine> lines, Money total,
                                  List<CreditCommission> creditCommissions) {

    public CommissionStatement {
        lines = List.copyOf(lines);
        creditCommissions = creditCommissions instanceof CreditCommissions ? creditCommissions : List.copyOf(creditCommissions);
        Money sum = Money.zero(total.currency());
        for (CommissionLine line : lines) {
            sum = sum.plus(line.amount());
        }
        if (!sum.equals(total)) {
            throw new IllegalArgumentException("statement of " + memberId + " totals " + total + " but its lines add up to " + sum);
        }
    }

    /** The lines of one component, in statement order. */
    public List<CommissionLine> lines(CommissionComponent component) {
        return lines.stream().filter(line -> line.component() == component).toList();
    }

    /** The sum of the lines of one component. */
    public Money total(CommissionComponent component) {
        Money sum = Money.zero(total.currency());
        for (CommissionLine line : lines) {
            if (line.component() == component) {
                sum = sum.plus(line.amount());
            }
        }
        return sum;
    }
}

package io.attain.incentive.domain.commission;

import io.attain.events.Money;

import java.util.List;

/**
 * A statement already paid out to a member: what it paid in total and on each credit.
 *
 * <p>A payout for a window inside the window being calculated (e.g. the Q1 payout when calculating Q1-Q2
 * year to date, or an earlier run of the same window) counts as already paid toward it: the true-up pays
 * earned-to-date minus already paid. Payouts of other windows only matter for clawbacks.
 */
public record PriorPayout(String payoutId, String memberId, CommissionPeriod window, Money amount,
                          List<CreditCommission> creditCommissions) {

    public PriorPayout {
        if (payoutId == null || payoutId.isBlank()) {
            throw new InvalidCommissionInputException("a prior payout needs an id");
        }
        if (memberId == null || memberId.isBlank()) {
            throw new InvalidCommissionInputException("prior payout " + payoutId + " names no member");
        }
        if (window == null || amount == null) {
            throw new InvalidCommissionInputException("prior payout " + payoutId + " needs its window and amount");
        }
        Credit.requireMinorUnit("prior payout " + payoutId, amount);
        creditCommissions = creditCommissions == null ? List.of() : List.copyOf(creditCommissions);
        for (CreditCommission commission : creditCommissions) {
            if (!commission.memberId().equals(memberId)) {
                throw new InvalidCommissionInputException("prior payout " + payoutId + " to " + memberId
                        + " attributes commission on credit " + commission.creditId() + " to " + commission.memberId());
            }
            if (!commission.amount().currency().equals(amount.currency())) {
                throw new InvalidCommissionInputException("prior payout " + payoutId + " is in " + amount.currency()
                        + " but attributes " + commission.amount() + " to credit " + commission.creditId());
            }
            Credit.requireMinorUnit("prior payout " + payoutId + " on credit " + commission.creditId(), commission.amount());
        }
    }

    /** The payout of a calculated statement, in full. */
    public static PriorPayout of(String payoutId, CommissionStatement statement) {
        return new PriorPayout(payoutId, statement.memberId(), statement.period(), statement.total(), statement.creditCommissions());
    }
}

package io.attain.incentive.domain.commission;

import io.attain.events.Money;

/**
 * How much of a statement's money goes to one credit (or one payment on it, under the collected basis):
 * the record of "what was paid on it" that a later clawback takes back exactly.
 *
 * <p>A statement attributes its tier, multiplier, gate, cap, SPIFF and override lines to the credits that
 * earned them (largest remainder, so they add up exactly), minus what earlier payouts of the same window
 * already attributed; a clawback attributes minus everything paid on the credit. Summing the attributions
 * of every payout made so far therefore gives what is currently paid on each credit.
 *
 * @param paymentId {@code null} for the credit as a whole
 * @param memberId  who was paid: the credited member, or the manager for an override
 */
public record CreditCommission(String creditId, String paymentId, String dealId, String memberId, Money amount) {

    public CreditCommission {
        if (creditId == null || creditId.isBlank() || memberId == null || memberId.isBlank() || amount == null) {
            throw new InvalidCommissionInputException("a credit commission needs a credit, a member and an amount, got credit "
                    + creditId + ", member " + memberId + ", amount " + amount);
        }
    }

    CreditKey key() {
        return new CreditKey(creditId, paymentId);
    }
}

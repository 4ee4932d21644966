package io.attain.incentive.domain.commission;

import io.attain.events.Money;

import java.time.LocalDate;

/**
 * Money received on a credited deal (回款), as the credited member's share of it: with a 60% credit split,
 * a customer payment of 100 is a payment of 60 on that member's credit.
 */
public record Payment(String paymentId, LocalDate paidOn, Money amount) {

    public Payment {
        if (paymentId == null || paymentId.isBlank()) {
            throw new InvalidCommissionInputException("a payment needs an id");
        }
        if (paidOn == null) {
            throw new InvalidCommissionInputException("payment " + paymentId + " has no date");
        }
        if (amount == null || amount.isNegative() || amount.isZero()) {
            throw new InvalidCommissionInputException("payment " + paymentId + " must be above zero, was " + amount);
        }
        Credit.requireMinorUnit("payment " + paymentId, amount);
    }
}

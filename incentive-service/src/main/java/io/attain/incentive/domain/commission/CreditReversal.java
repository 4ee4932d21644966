package io.attain.incentive.domain.commission;

import java.time.LocalDate;

/**
 * A credit (or one payment on it) taken back: the deal was lost or reopened after booking, or the money
 * refunded. From {@code reversedOn} on the credit (payment) no longer counts; if commission was already paid
 * on it, the window containing {@code reversedOn} claws back exactly what was paid.
 *
 * @param paymentId {@code null} to reverse the whole credit with all its payments
 * @param reason    why, for the explanation (e.g. "deal lost", "refund")
 */
public record CreditReversal(String creditId, String paymentId, LocalDate reversedOn, String reason) {

    public CreditReversal {
        if (creditId == null || creditId.isBlank()) {
            throw new InvalidCommissionInputException("a reversal must name the credit it reverses");
        }
        if (paymentId != null && paymentId.isBlank()) {
            throw new InvalidCommissionInputException("the reversal of credit " + creditId + " names a blank payment");
        }
        if (reversedOn == null) {
            throw new InvalidCommissionInputException("the reversal of credit " + creditId + " has no date");
        }
        if (reason == null || reason.isBlank()) {
            reason = "reversed";
        }
    }

    public static CreditReversal ofCredit(String creditId, LocalDate reversedOn, String reason) {
        return new CreditReversal(creditId, null, reversedOn, reason);
    }

    public static CreditReversal ofPayment(String creditId, String paymentId, LocalDate reversedOn, String reason) {
        return new CreditReversal(creditId, paymentId, reversedOn, reason);
    }

    CreditKey key() {
        return new CreditKey(creditId, paymentId);
    }
}

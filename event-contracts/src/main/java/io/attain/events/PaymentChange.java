package io.attain.events;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A payment received on a won deal ({@code reversal=false}) or the reversal of one, e.g. a refund
 * ({@code reversal=true}, {@code reversedPaymentId} names the payment it reverses). Amounts are positive.
 */
public record PaymentChange(
        UUID paymentId,
        Money amount,
        LocalDate receivedOn,
        boolean reversal,
        UUID reversedPaymentId) {
}

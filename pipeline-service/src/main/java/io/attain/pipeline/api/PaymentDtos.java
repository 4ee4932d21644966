package io.attain.pipeline.api;

import io.attain.events.Money;
import io.attain.pipeline.domain.Payment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Request and response bodies of {@link PaymentResource}. Ids, the deal, who recorded and when are the server's. */
public final class PaymentDtos {

    /**
     * @param amount     above 0, in the deal's currency, at most what is outstanding
     * @param receivedOn the day the money came in; not in the future
     * @param reference  e.g. the bank transaction or invoice number
     */
    public record RecordPayment(
            @NotNull @Valid Money amount,
            @NotNull LocalDate receivedOn,
            @Size(max = 100) String reference) {
    }

    /**
     * Optional body of a reversal.
     *
     * @param reversedOn the day the money went back; absent: today (UTC). Not before the payment, not in the future
     */
    public record ReversePayment(LocalDate reversedOn, @Size(max = 100) String reference) {
    }

    /**
     * @param reversal   whether this reverses another payment ({@code reversesId})
     * @param reversedBy for a payment, the reversal that reversed it, if any
     */
    public record PaymentView(UUID id, UUID dealId, Money amount, LocalDate receivedOn, String reference,
                              boolean reversal, UUID reversesId, UUID reversedBy, Instant recordedAt,
                              String recordedBy) {
        public static PaymentView of(Payment payment, UUID reversedBy) {
            return new PaymentView(payment.id, payment.dealId, payment.amountMoney(), payment.receivedOn,
                    payment.reference, payment.isReversal(), payment.reversesId, reversedBy, payment.recordedAt,
                    payment.recordedBy);
        }
    }

    /** A payment or reversal just recorded, with the deal after it (collected total, stage, version). */
    public record PaymentReceipt(PaymentView payment, DealDtos.DealView deal) {
    }

    private PaymentDtos() {
    }
}

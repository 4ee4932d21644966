package io.attain.incentive.domain;

import io.attain.events.Money;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Money received on a deal (回款), or its reversal (a refund, naming the payment). Append-only. Commission on
 * the collected basis is paid on these, shared among the deal's credits standing when the money came in.
 */
@Entity
@Table(name = "deal_payment")
@Immutable
public class DealPayment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "deal_id", nullable = false)
    public UUID dealId;

    /** Always positive, for a payment and a refund alike. */
    @Column(nullable = false, precision = 19, scale = 4)
    public BigDecimal amount;

    @Column(nullable = false)
    public String currency;

    @Column(name = "received_on", nullable = false)
    public LocalDate receivedOn;

    /** The day it counts on: {@link #receivedOn}, moved past the last closed period if it fell in one. */
    @Column(name = "effective_on", nullable = false)
    public LocalDate effectiveOn;

    /** For a refund: the payment it reverses. */
    @Column(name = "reverses_payment_id")
    public UUID reversesPaymentId;

    /** The newest credit entry of the deal when this was recorded. */
    @Column(name = "credit_seq", nullable = false)
    public long creditSeq;

    @Column(name = "source_event_id", nullable = false)
    public String sourceEventId;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    public Money money() {
        return Money.of(amount, currency).rounded(RoundingMode.HALF_UP);
    }

    public boolean isRefund() {
        return reversesPaymentId != null;
    }
}

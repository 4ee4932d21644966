package io.attain.pipeline.domain;

import io.attain.events.Money;
import io.attain.events.PaymentChange;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Money received on a won deal (回款), or the reversal of such a payment (a refund): a row of its own naming the
 * payment it reverses, with the same positive amount. Never changed once written.
 */
@Entity
@Table(name = "payment")
public class Payment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "deal_id", nullable = false)
    public UUID dealId;

    @Column(nullable = false, precision = 19, scale = 4)
    public BigDecimal amount;

    @Column(nullable = false)
    public String currency;

    /** The day the money came in, or for a reversal the day it went back. */
    @Column(name = "received_on", nullable = false)
    public LocalDate receivedOn;

    public String reference;

    /** The payment this one reverses; {@code null} for a payment. */
    @Column(name = "reverses_id")
    public UUID reversesId;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    public Money amountMoney() {
        return Money.of(amount.setScale(Money.minorUnits(currency), RoundingMode.UNNECESSARY), currency);
    }

    public boolean isReversal() {
        return reversesId != null;
    }

    /** As deal events carry it. */
    public PaymentChange toChange() {
        return new PaymentChange(id, amountMoney(), receivedOn, isReversal(), reversesId);
    }
}

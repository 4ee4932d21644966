package io.attain.incentive.domain;

import io.attain.events.Money;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.UUID;

/**
 * One line of the append-only credit ledger: a member credited with part of a deal, or the reversal of
 * such a credit. Entries are never changed (the table refuses updates and deletes); a correction is a
 * reversal plus a new credit.
 */
@Entity
@Table(name = "credit_entry")
@Immutable
public class CreditEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Append order, assigned by the database. */
    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(name = "member_id", nullable = false)
    public String memberId;

    @Column(name = "deal_id", nullable = false)
    public UUID dealId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CreditKind kind;

    /** Positive for a credit, negative for a reversal; always at the currency's minor unit. */
    @Column(nullable = false, precision = 19, scale = 4)
    public BigDecimal amount;

    @Column(nullable = false)
    public String currency;

    /** The deal version whose snapshot produced this entry. */
    @Column(name = "deal_version", nullable = false)
    public long dealVersion;

    /** {@code ce_id} of the deal event that produced this entry. */
    @Column(name = "source_event_id", nullable = false)
    public String sourceEventId;

    /** For a reversal: the credit it reverses. */
    @Column(name = "reverses_entry_id")
    public UUID reversesEntryId;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    public Money money() {
        return Money.of(amount, currency).rounded(RoundingMode.UNNECESSARY);
    }
}

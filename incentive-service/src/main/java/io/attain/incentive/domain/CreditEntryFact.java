package io.attain.incentive.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.LocalDate;
import java.util.UUID;

/**
 * What the commission engine needs of a credit entry besides the entry: the day it counts on and the deal
 * attributes plans look at, as they stood when the entry was written. Append-only, like the entry.
 */
@Entity
@Table(name = "credit_entry_fact")
@Immutable
public class CreditEntryFact extends PanacheEntityBase {

    @Id
    @Column(name = "entry_id")
    public UUID entryId;

    /** The day the entry counts on: its business day, moved past the last closed period if it fell in one. */
    @Column(name = "effective_on", nullable = false)
    public LocalDate effectiveOn;

    /** For a credit the day the deal was won; for a reversal the day of the change. */
    @Column(name = "business_on", nullable = false)
    public LocalDate businessOn;

    @Column(name = "product_line")
    public String productLine;

    public String channel;

    @Column(name = "new_customer", nullable = false)
    public boolean newCustomer;

    /** Why the entry was written, e.g. "deal won", "deal lost", "amount changed". */
    @Column(nullable = false)
    public String reason;
}

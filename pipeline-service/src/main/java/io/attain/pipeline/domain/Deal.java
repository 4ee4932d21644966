package io.attain.pipeline.domain;

import io.attain.events.DealSnapshot;
import io.attain.events.Money;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A sales opportunity (商机) owned by one rep, moving through the funnel. */
@Entity
@Table(name = "deal")
public class Deal extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(name = "account_id")
    public UUID accountId;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Column(nullable = false, precision = 19, scale = 4)
    public BigDecimal amount;

    @Column(nullable = false)
    public String currency;

    @Column(name = "product_line", nullable = false)
    public String productLine;

    public String channel;

    public String region;

    @Column(name = "customer_tier")
    public String customerTier;

    @Column(name = "new_customer", nullable = false)
    public boolean newCustomer;

    @Column(name = "expected_close_date")
    public LocalDate expectedCloseDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Stage stage;

    @Column(nullable = false)
    public int probability;

    @Enumerated(EnumType.STRING)
    @Column(name = "forecast_category", nullable = false)
    public Stage.ForecastCategory forecastCategory;

    /**
     * Credit splits, largest share first. Changing them changes the deal's version like any other field.
     * Loaded with the deal by a second select (batched for a page of deals) rather than an outer join, so that
     * reading a deal for update locks the deal row alone.
     */
    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SELECT)
    @CollectionTable(name = "deal_split", joinColumns = @JoinColumn(name = "deal_id"))
    @OrderBy("percent desc, memberId asc")
    @BatchSize(size = 100)
    public List<DealSplit> splits = new ArrayList<>();

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "won_at")
    public Instant wonAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    public Money amountMoney() {
        return Money.of(amount.setScale(Money.minorUnits(currency), RoundingMode.UNNECESSARY), currency);
    }

    /** The order splits are kept and shown in: largest share first, then by member. */
    static final Comparator<DealSplit> SPLIT_ORDER =
            Comparator.comparing((DealSplit split) -> split.percent).reversed().thenComparing(split -> split.memberId);

    /** A new deal at {@code LEAD} on these terms. */
    public static Deal open(UUID id, DealTerms terms, Instant at) {
        Deal deal = new Deal();
        deal.id = id;
        deal.createdAt = at;
        deal.amend(terms, at);
        deal.moveTo(Stage.LEAD, at);
        return deal;
    }

    /**
     * Takes over the terms that differ from the deal's, leaving equal ones (and the splits collection)
     * untouched so that an unchanged deal keeps its version.
     *
     * @return the names of the {@link DealSnapshot} fields that changed, in snapshot order; empty for no change
     */
    public List<String> amend(DealTerms terms, Instant at) {
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(name, terms.name())) {
            name = terms.name();
            changed.add("name");
        }
        if (!Objects.equals(accountId, terms.accountId())) {
            accountId = terms.accountId();
            changed.add("accountId");
        }
        if (!Objects.equals(ownerId, terms.ownerId())) {
            ownerId = terms.ownerId();
            changed.add("ownerId");
        }
        if (amount == null || !amountMoney().equals(terms.amount())) {
            amount = terms.amount().amount();
            currency = terms.amount().currency();
            changed.add("amount");
        }
        if (!Objects.equals(productLine, terms.productLine())) {
            productLine = terms.productLine();
            changed.add("productLine");
        }
        if (!Objects.equals(channel, terms.channel())) {
            channel = terms.channel();
            changed.add("channel");
        }
        if (!Objects.equals(region, terms.region())) {
            region = terms.region();
            changed.add("region");
        }
        if (!Objects.equals(customerTier, terms.customerTier())) {
            customerTier = terms.customerTier();
            changed.add("customerTier");
        }
        if (newCustomer != terms.newCustomer()) {
            newCustomer = terms.newCustomer();
            changed.add("newCustomer");
        }
        if (!Objects.equals(expectedCloseDate, terms.expectedCloseDate())) {
            expectedCloseDate = terms.expectedCloseDate();
            changed.add("expectedCloseDate");
        }
        // Shares are compared as a set: the order a client lists them in is not a change.
        if (!new HashSet<>(splits).equals(new HashSet<>(terms.splits()))) {
            splits.clear();
            terms.splits().stream().sorted(SPLIT_ORDER).forEach(splits::add);
            changed.add("splits");
        }
        if (!changed.isEmpty()) {
            updatedAt = at;
        }
        return changed;
    }

    /** Moves the deal, keeping probability, forecast category and the won/closed times in step. */
    public void moveTo(Stage next, Instant at) {
        stage = next;
        probability = next.defaultProbability();
        forecastCategory = next.forecastCategory();
        if (next == Stage.WON) {
            wonAt = at;
        }
        if (next.isOpen()) {
            wonAt = null;
            closedAt = null;
        } else if (next == Stage.WON || next == Stage.LOST) {
            closedAt = at;
        }
        updatedAt = at;
    }

    /**
     * The snapshot as of the version the pending flush will give it (the deal must be flushed first).
     *
     * @param eventVersion the aggregate version of the event carrying this snapshot
     */
    public DealSnapshot snapshot(long eventVersion) {
        Money zero = Money.zero(currency);
        return new DealSnapshot(id, eventVersion, name, accountId, ownerId, amountMoney(), productLine, channel, region,
                customerTier, newCustomer, expectedCloseDate, stage.name(), probability, forecastCategory.name(),
                splits.stream().map(DealSplit::toCreditSplit).toList(), zero, createdAt, wonAt, closedAt, null);
    }
}

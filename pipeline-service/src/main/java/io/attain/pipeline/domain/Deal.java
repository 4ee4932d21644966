package io.attain.pipeline.domain;

import io.attain.events.DealSnapshot;
import io.attain.events.ExternalRef;
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
import org.hibernate.annotations.OptimisticLock;

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

    /** The funnel stage: what events, analytics and incentives see, whatever the deal's pipeline calls it. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Stage stage;

    /** The pipeline the deal was created on; the default funnel unless it was created on another. */
    @Column(name = "pipeline_id", nullable = false)
    public UUID pipelineId = Pipeline.DEFAULT_ID;

    /** The name of the deal's stage in its pipeline; on the default pipeline the funnel stage's name. */
    @Column(name = "pipeline_stage", nullable = false)
    public String pipelineStage;

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

    /** Payments received net of reversals, in the deal's currency; changed only by recording payments. */
    @Column(nullable = false, precision = 19, scale = 4)
    public BigDecimal collected = BigDecimal.ZERO;

    /**
     * The latest activity recorded on the deal. Written by the activity service with a plain update, never from
     * here, so that recording an activity changes neither the deal's version nor its events.
     */
    @Column(name = "last_activity_at", insertable = false, updatable = false)
    public Instant lastActivityAt;

    /**
     * The CRM this deal comes from and its id there; both absent for deals created in Attain. A CRM is the source
     * of truth for its deals (see io.attain.pipeline.crm).
     */
    @Column(name = "external_system")
    public String externalSystem;

    @Column(name = "external_id")
    public String externalId;

    /**
     * The CRM's version and update time of the delivery last applied, which order the CRM's deliveries. Kept out of
     * the optimistic lock: a newer CRM version that changes nothing in the deal leaves its version and events alone.
     */
    @Column(name = "external_version")
    @OptimisticLock(excluded = true)
    public Long externalVersion;

    @Column(name = "external_updated_at")
    @OptimisticLock(excluded = true)
    public Instant externalUpdatedAt;

    public Money amountMoney() {
        return Money.of(amount.setScale(Money.minorUnits(currency), RoundingMode.UNNECESSARY), currency);
    }

    public Money collectedMoney() {
        return Money.of(collected.setScale(Money.minorUnits(currency), RoundingMode.UNNECESSARY), currency);
    }

    /** What is still to be paid: the amount less what was collected (negative never, payments are capped). */
    public Money outstanding() {
        return amountMoney().minus(collectedMoney());
    }

    public boolean isFullyPaid() {
        return collected.compareTo(amount) >= 0;
    }

    /** Adds a payment in the deal's currency to what was collected. */
    public void collect(Money payment, Instant at) {
        collected = collectedMoney().plus(payment).amount();
        updatedAt = at;
    }

    /** Takes a reversed payment off what was collected. */
    public void uncollect(Money payment, Instant at) {
        collected = collectedMoney().minus(payment).amount();
        updatedAt = at;
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

    /** A new deal on a pipeline, at its first stage, on these terms. */
    public static Deal open(UUID id, DealTerms terms, UUID pipelineId, PipelineStage first, Instant at) {
        Deal deal = open(id, terms, at);
        deal.pipelineId = pipelineId;
        deal.moveTo(first, at);
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

    /**
     * Moves the deal on the funnel, keeping probability, forecast category and the won/closed times in step; on the
     * default pipeline the pipeline stage is the funnel stage. Coming back to WON from COLLECTED (a payment was
     * reversed) keeps the time the contract was won and closed: the deal was not won again.
     */
    public void moveTo(Stage next, Instant at) {
        boolean wasBooked = stage != null && stage.isBooked();
        stage = next;
        pipelineStage = next.name();
        probability = next.defaultProbability();
        forecastCategory = next.forecastCategory();
        if (next == Stage.WON && !wasBooked) {
            wonAt = at;
        }
        if (next.isOpen()) {
            wonAt = null;
            closedAt = null;
        } else if ((next == Stage.WON && !wasBooked) || next == Stage.LOST) {
            closedAt = at;
        }
        updatedAt = at;
    }

    /** Moves the deal to a stage of its pipeline: the funnel stage it maps to, with the stage's probability. */
    public void moveTo(PipelineStage next, Instant at) {
        moveTo(next.funnelStage, at);
        pipelineStage = next.name;
        probability = next.probability;
    }

    /**
     * The snapshot as of the version the pending flush will give it (the deal must be flushed first).
     *
     * @param eventVersion the aggregate version of the event carrying this snapshot
     */
    public DealSnapshot snapshot(long eventVersion) {
        return new DealSnapshot(id, eventVersion, name, accountId, ownerId, amountMoney(), productLine, channel, region,
                customerTier, newCustomer, expectedCloseDate, stage.name(), probability, forecastCategory.name(),
                splits.stream().map(DealSplit::toCreditSplit).toList(), collectedMoney(), createdAt, wonAt, closedAt,
                externalSystem == null ? null : new ExternalRef(externalSystem, externalId, externalVersion));
    }
}

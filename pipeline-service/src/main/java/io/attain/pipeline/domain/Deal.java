package io.attain.pipeline.domain;

import io.attain.events.CreditSplit;
import io.attain.events.DealSnapshot;
import io.attain.events.Money;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
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
                List.of(new CreditSplit(ownerId, new BigDecimal("100"))), zero, createdAt, wonAt, closedAt, null);
    }
}

package io.attain.incentive.domain;

import io.attain.incentive.domain.commission.ExchangeRate;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An effective-dated conversion rate: from {@link #effectiveFrom} on, one {@link #fromCurrency} is worth {@link #rate} {@link #toCurrency}. */
@Entity
@Table(name = "exchange_rate")
@Immutable
public class ExchangeRateEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "from_currency", nullable = false)
    public String fromCurrency;

    @Column(name = "to_currency", nullable = false)
    public String toCurrency;

    @Column(name = "effective_from", nullable = false)
    public LocalDate effectiveFrom;

    @Column(nullable = false, precision = 24, scale = 10)
    public BigDecimal rate;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public ExchangeRate toRate() {
        return new ExchangeRate(fromCurrency, toCurrency, effectiveFrom, rate);
    }
}

package io.attain.incentive.domain.commission;

import io.attain.events.Money;

import java.math.BigDecimal;
import java.time.LocalDate;

/** From {@code effectiveFrom} on (until a later rate for the same pair), one {@code from} is worth {@code rate} {@code to}. */
public record ExchangeRate(String from, String to, LocalDate effectiveFrom, BigDecimal rate) {

    public ExchangeRate {
        if (!Money.isKnownCurrency(from) || !Money.isKnownCurrency(to)) {
            throw new InvalidCommissionInputException("exchange rate " + from + "→" + to + " names an unknown currency");
        }
        if (from.equals(to)) {
            throw new InvalidCommissionInputException("exchange rate " + from + "→" + to + " converts a currency to itself");
        }
        if (effectiveFrom == null) {
            throw new InvalidCommissionInputException("exchange rate " + from + "→" + to + " has no effective date");
        }
        if (rate == null || rate.signum() <= 0) {
            throw new InvalidCommissionInputException("exchange rate " + from + "→" + to + " from " + effectiveFrom
                    + " must be above zero, was " + rate);
        }
    }

    public static ExchangeRate of(String from, String to, LocalDate effectiveFrom, String rate) {
        return new ExchangeRate(from, to, effectiveFrom, new BigDecimal(rate));
    }
}

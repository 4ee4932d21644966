package io.attain.incentive.domain.commission;

import io.attain.events.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Effective-dated conversion rates. An amount is converted with the rate of its pair that took effect last
 * on or before the day it counts; only the direction given is used (a CNY→USD rate does not convert USD to
 * CNY), so that no inverse is ever rounded. A repeated identical rate is harmless; two different rates for
 * the same pair and day are refused.
 */
public final class ExchangeRates {

    private static final ExchangeRates NONE = new ExchangeRates(Map.of());

    private final Map<String, NavigableMap<LocalDate, BigDecimal>> byPair;

    private ExchangeRates(Map<String, NavigableMap<LocalDate, BigDecimal>> byPair) {
        this.byPair = byPair;
    }

    public static ExchangeRates none() {
        return NONE;
    }

    public static ExchangeRates of(ExchangeRate... rates) {
        return of(List.of(rates));
    }

    public static ExchangeRates of(Collection<ExchangeRate> rates) {
        Map<String, NavigableMap<LocalDate, BigDecimal>> byPair = new HashMap<>();
        for (ExchangeRate rate : rates) {
            NavigableMap<LocalDate, BigDecimal> dated = byPair.computeIfAbsent(pair(rate.from(), rate.to()), p -> new TreeMap<>());
            BigDecimal earlier = dated.putIfAbsent(rate.effectiveFrom(), rate.rate());
            if (earlier != null && earlier.compareTo(rate.rate()) != 0) {
                throw new InvalidCommissionInputException("two " + rate.from() + "→" + rate.to() + " rates take effect on "
                        + rate.effectiveFrom() + ": " + earlier.toPlainString() + " and " + rate.rate().toPlainString());
            }
        }
        return new ExchangeRates(byPair);
    }

    /** The rate converting {@code from} into {@code to} on {@code day}; 1 for the same currency. */
    public BigDecimal rate(String from, String to, LocalDate day) {
        if (from.equals(to)) {
            return BigDecimal.ONE;
        }
        NavigableMap<LocalDate, BigDecimal> dated = byPair.get(pair(from, to));
        if (dated == null) {
            throw new MissingExchangeRateException(from, to, day, "no " + from + "→" + to + " rate is given at all");
        }
        Map.Entry<LocalDate, BigDecimal> rate = dated.floorEntry(day);
        if (rate == null) {
            throw new MissingExchangeRateException(from, to, day, "the earliest " + from + "→" + to + " rate takes effect on "
                    + dated.firstKey());
        }
        return rate.getValue();
    }

    /** {@code amount} in {@code currency} on {@code day}, brought to that currency's minor unit with {@code rounding}. */
    public Money convert(Money amount, String currency, LocalDate day, RoundingMode rounding) {
        if (amount.currency().equals(currency)) {
            return amount;
        }
        return Money.of(amount.amount().multiply(rate(amount.currency(), currency, day)), currency).rounded(rounding);
    }

    private static String pair(String from, String to) {
        return from + "→" + to;
    }
}

package io.attain.pipeline.analytics;

import io.attain.events.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.TreeMap;

/**
 * Adds deals up per currency. Each deal's weighted amount (amount × probability ÷ 100) is rounded half-up to the
 * currency's minor unit before it is added, so a total is always the sum of the figures of its deals.
 */
final class CurrencyTotals {

    private record Sum(long count, Money amount, Money weighted) {
    }

    private final TreeMap<String, Sum> sums = new TreeMap<>();

    void add(Money amount, int probability) {
        Money weighted = weighted(amount, probability);
        sums.merge(amount.currency(), new Sum(1, amount, weighted),
                (a, b) -> new Sum(a.count + b.count, a.amount.plus(b.amount), a.weighted.plus(b.weighted)));
    }

    long count() {
        return sums.values().stream().mapToLong(Sum::count).sum();
    }

    /** One total per currency, by currency code. */
    List<CurrencyTotal> totals() {
        return sums.entrySet().stream()
                .map(e -> new CurrencyTotal(e.getKey(), e.getValue().count,
                        e.getValue().amount.rounded(RoundingMode.HALF_UP), e.getValue().weighted))
                .toList();
    }

    /** {@code amount × probability ÷ 100}, rounded half-up to the currency's minor unit. */
    static Money weighted(Money amount, int probability) {
        return amount.times(BigDecimal.valueOf(probability).movePointLeft(2)).rounded(RoundingMode.HALF_UP);
    }
}

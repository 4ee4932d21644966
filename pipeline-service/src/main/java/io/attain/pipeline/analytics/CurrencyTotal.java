package io.attain.pipeline.analytics;

import io.attain.events.Money;

/**
 * Deals of one currency: how many, their amount and their probability-weighted amount. Amounts of different
 * currencies are never added up; a report lists one of these per currency instead.
 */
public record CurrencyTotal(String currency, long count, Money amount, Money weightedAmount) {
}

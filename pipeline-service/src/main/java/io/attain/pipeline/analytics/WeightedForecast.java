package io.attain.pipeline.analytics;

import io.attain.events.Money;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The weighted forecast by forecast category (预测). Open deals fall in their own category — or, when they carry
 * none (or one that is no open category), in the one their probability implies: 80 and more {@code COMMIT}, 60 and
 * more {@code BEST_CASE}, above 0 {@code PIPELINE}, 0 {@code OMITTED} (the default funnel's stages give exactly
 * these). Booked deals are {@code CLOSED}; lost deals are no part of a forecast.
 *
 * <p>Per currency the forecast is {@code closed amount + weighted amount of the open deals not omitted}.
 */
public final class WeightedForecast {

    public enum Category { COMMIT, BEST_CASE, PIPELINE, OMITTED, CLOSED }

    public record CategoryTotal(Category category, long count, List<CurrencyTotal> totals) {
    }

    /** What one currency is expected to bring: the booked amount plus the open deals' weighted amount. */
    public record CurrencyForecast(String currency, Money closed, Money weightedOpen, Money expected) {
    }

    public record Report(List<CategoryTotal> categories, List<CurrencyForecast> forecast) {
    }

    static final int COMMIT_FROM = 80;
    static final int BEST_CASE_FROM = 60;

    private WeightedForecast() {
    }

    public static Report of(List<DealFacts> deals, FunnelDefinition funnel) {
        Map<Category, CurrencyTotals> byCategory = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            byCategory.put(category, new CurrencyTotals());
        }
        Map<String, Money[]> byCurrency = new TreeMap<>();
        for (DealFacts deal : deals) {
            if (!funnel.isOpen(deal.stage()) && !funnel.isBooked(deal.stage())) {
                continue;
            }
            int probability = deal.effectiveProbability(funnel);
            Category category = funnel.isBooked(deal.stage()) ? Category.CLOSED
                    : categoryOf(deal.forecastCategory(), probability);
            byCategory.get(category).add(deal.amount(), probability);
            Money zero = Money.zero(deal.amount().currency());
            Money[] closedAndOpen = byCurrency.computeIfAbsent(deal.amount().currency(), c -> new Money[]{zero, zero});
            if (category == Category.CLOSED) {
                closedAndOpen[0] = closedAndOpen[0].plus(deal.amount());
            } else if (category != Category.OMITTED) {
                closedAndOpen[1] = closedAndOpen[1].plus(CurrencyTotals.weighted(deal.amount(), probability));
            }
        }
        List<CategoryTotal> categories = byCategory.entrySet().stream()
                .map(e -> new CategoryTotal(e.getKey(), e.getValue().count(), e.getValue().totals()))
                .toList();
        List<CurrencyForecast> forecast = byCurrency.entrySet().stream()
                .map(e -> new CurrencyForecast(e.getKey(), e.getValue()[0], e.getValue()[1],
                        e.getValue()[0].plus(e.getValue()[1])))
                .toList();
        return new Report(categories, forecast);
    }

    /** The open deal's own category if it names one, else the one its probability implies. */
    static Category categoryOf(String stored, int probability) {
        if (stored != null) {
            for (Category category : Category.values()) {
                if (category != Category.CLOSED && category.name().equals(stored)) {
                    return category;
                }
            }
        }
        if (probability >= COMMIT_FROM) {
            return Category.COMMIT;
        }
        if (probability >= BEST_CASE_FROM) {
            return Category.BEST_CASE;
        }
        return probability > 0 ? Category.PIPELINE : Category.OMITTED;
    }
}

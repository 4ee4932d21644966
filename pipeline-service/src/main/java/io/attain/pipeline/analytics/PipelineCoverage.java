package io.attain.pipeline.analytics;

import io.attain.events.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Pipeline coverage (覆盖率): the open pipeline of one currency against the target still to be reached in it.
 * {@code coverage = open amount ÷ remaining target} and {@code weightedCoverage = weighted open amount ÷ remaining
 * target}, two decimals, half-up (3.00 means the open deals are worth three times what is still missing). Deals in
 * other currencies are counted apart ({@code otherCurrencyDeals}) and never converted.
 */
public final class PipelineCoverage {

    static final int COVERAGE_SCALE = 2;

    public record Report(Money remainingTarget, long openDeals, Money openAmount, Money weightedOpenAmount,
                         BigDecimal coverage, BigDecimal weightedCoverage, long otherCurrencyDeals) {
    }

    private PipelineCoverage() {
    }

    /** @param remainingTarget above zero */
    public static Report of(List<DealFacts> deals, FunnelDefinition funnel, Money remainingTarget) {
        if (remainingTarget.amount().signum() <= 0) {
            throw new IllegalArgumentException("the remaining target must be above zero: " + remainingTarget);
        }
        String currency = remainingTarget.currency();
        Money open = Money.zero(currency);
        Money weighted = Money.zero(currency);
        long openDeals = 0;
        long otherCurrency = 0;
        for (DealFacts deal : deals) {
            if (!funnel.isOpen(deal.stage())) {
                continue;
            }
            if (!deal.amount().currency().equals(currency)) {
                otherCurrency++;
                continue;
            }
            openDeals++;
            open = open.plus(deal.amount());
            weighted = weighted.plus(CurrencyTotals.weighted(deal.amount(), deal.effectiveProbability(funnel)));
        }
        return new Report(remainingTarget, openDeals, open.rounded(RoundingMode.HALF_UP), weighted,
                ratio(open, remainingTarget), ratio(weighted, remainingTarget), otherCurrency);
    }

    private static BigDecimal ratio(Money part, Money whole) {
        return part.amount().divide(whole.amount(), COVERAGE_SCALE, RoundingMode.HALF_UP);
    }
}

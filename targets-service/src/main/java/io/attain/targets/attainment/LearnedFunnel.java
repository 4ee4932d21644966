package io.attain.targets.attainment;

import io.attain.events.Money;
import io.attain.targets.domain.decomposition.ConversionRates;
import io.attain.targets.domain.decomposition.FunnelAssumptions;
import io.attain.targets.domain.decomposition.FunnelStage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reverse-funnel assumptions learned from deal history: the conversion rate from each stage is the share
 * of the deals that reached it which also reached the next one, and the average deal size is the mean won
 * amount. Rates keep {@link #RATE_DECIMALS} decimals (HALF_UP), the deal size the currency's minor units.
 */
public final class LearnedFunnel {

    public static final int RATE_DECIMALS = 4;

    /** History too thin to learn from: {@code gaps} says which figure is missing. */
    public static final class InsufficientHistoryException extends RuntimeException {
        private final List<String> gaps;

        InsufficientHistoryException(List<String> gaps) {
            super("the deal history cannot give " + String.join("; ", gaps));
            this.gaps = List.copyOf(gaps);
        }

        public List<String> gaps() {
            return gaps;
        }
    }

    private LearnedFunnel() {
    }

    public static FunnelAssumptions learn(StageHistory history, String currency) {
        List<String> gaps = new ArrayList<>();
        Map<FunnelStage, BigDecimal> rates = new EnumMap<>(FunnelStage.class);
        for (FunnelStage stage : FunnelStage.values()) {
            if (stage == FunnelStage.WON) {
                continue;
            }
            long from = history.reached().get(stage.ordinal());
            long to = history.reached().get(stage.ordinal() + 1);
            if (from == 0 || to == 0) {
                gaps.add("a conversion rate from " + stage + " (" + from + " deals reached it, " + to
                        + " went on to " + stage.next() + ")");
                continue;
            }
            BigDecimal rate = BigDecimal.valueOf(to).divide(BigDecimal.valueOf(from), RATE_DECIMALS, RoundingMode.HALF_UP);
            if (rate.signum() == 0) {
                gaps.add("a conversion rate from " + stage + " of at least 0.0001 (" + to + " of " + from + " deals)");
                continue;
            }
            rates.put(stage, rate);
        }
        if (history.wonCount() == 0) {
            gaps.add("an average deal size (no deal won in " + currency + ")");
        }
        if (!gaps.isEmpty()) {
            throw new InsufficientHistoryException(gaps);
        }
        BigDecimal average = history.wonTotal()
                .divide(BigDecimal.valueOf(history.wonCount()), Money.minorUnits(currency), RoundingMode.HALF_UP);
        if (average.signum() <= 0) {
            throw new InsufficientHistoryException(List.of("an average deal size (the won deals sum to "
                    + average.toPlainString() + " " + currency + ")"));
        }
        return new FunnelAssumptions(Money.of(average, currency), ConversionRates.of(rates));
    }
}

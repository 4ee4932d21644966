package io.attain.targets.domain.decomposition;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import static io.attain.targets.domain.decomposition.DecompositionException.Reason;

/**
 * For each stage before {@link FunnelStage#WON}, the fraction of deals at that stage that reach the next
 * one: e.g. {@code NEGOTIATION → 0.5} means half the negotiations are won. Every rate is in (0, 1].
 */
public final class ConversionRates {

    private final Map<FunnelStage, BigDecimal> rateToNext;

    private ConversionRates(Map<FunnelStage, BigDecimal> rateToNext) {
        this.rateToNext = rateToNext;
    }

    /** Rates keyed by the stage they leave: LEAD, CONTACTED, NEEDS_ANALYSIS, PROPOSAL and NEGOTIATION. */
    public static ConversionRates of(Map<FunnelStage, BigDecimal> rateToNextStage) {
        Objects.requireNonNull(rateToNextStage, "rateToNextStage");
        EnumMap<FunnelStage, BigDecimal> rates = new EnumMap<>(FunnelStage.class);
        for (FunnelStage stage : FunnelStage.values()) {
            BigDecimal rate = rateToNextStage.get(stage);
            if (stage == FunnelStage.WON) {
                if (rate != null) {
                    throw new DecompositionException(Reason.INVALID_CONVERSION_RATE,
                            "WON is the last stage and has no conversion rate");
                }
                continue;
            }
            if (rate == null) {
                throw new DecompositionException(Reason.INVALID_CONVERSION_RATE,
                        "no conversion rate from " + stage + " to " + stage.next());
            }
            if (rate.signum() <= 0 || rate.compareTo(BigDecimal.ONE) > 0) {
                throw new DecompositionException(Reason.INVALID_CONVERSION_RATE, "the conversion rate from " + stage
                        + " to " + stage.next() + " must be above 0 and at most 1 but is " + rate.toPlainString());
            }
            rates.put(stage, rate);
        }
        return new ConversionRates(Collections.unmodifiableMap(rates));
    }

    /** Rates in funnel order: lead → contacted, contacted → needs analysis, …, negotiation → won. */
    public static ConversionRates of(BigDecimal leadToContacted, BigDecimal contactedToNeedsAnalysis,
                                     BigDecimal needsAnalysisToProposal, BigDecimal proposalToNegotiation,
                                     BigDecimal negotiationToWon) {
        Map<FunnelStage, BigDecimal> rates = new EnumMap<>(FunnelStage.class);
        rates.put(FunnelStage.LEAD, leadToContacted);
        rates.put(FunnelStage.CONTACTED, contactedToNeedsAnalysis);
        rates.put(FunnelStage.NEEDS_ANALYSIS, needsAnalysisToProposal);
        rates.put(FunnelStage.PROPOSAL, proposalToNegotiation);
        rates.put(FunnelStage.NEGOTIATION, negotiationToWon);
        return of(rates);
    }

    /** The fraction of deals at {@code stage} that reach the next stage. */
    public BigDecimal rateFrom(FunnelStage stage) {
        BigDecimal rate = rateToNext.get(stage);
        if (rate == null) {
            throw new IllegalArgumentException("WON is the last stage and has no conversion rate");
        }
        return rate;
    }

    public Map<FunnelStage, BigDecimal> asMap() {
        return rateToNext;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ConversionRates other)) {
            return false;
        }
        for (FunnelStage stage : rateToNext.keySet()) {
            if (rateToNext.get(stage).compareTo(other.rateToNext.get(stage)) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 0;
        for (BigDecimal rate : rateToNext.values()) {
            hash = 31 * hash + rate.stripTrailingZeros().hashCode();
        }
        return hash;
    }

    @Override
    public String toString() {
        return rateToNext.toString();
    }
}

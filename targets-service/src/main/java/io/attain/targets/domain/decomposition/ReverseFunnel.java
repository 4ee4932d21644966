package io.attain.targets.domain.decomposition;

import io.attain.events.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import static io.attain.targets.domain.decomposition.DecompositionException.Reason;

/**
 * 按销售阶段分解: from a revenue target, the average deal size and the stage conversion rates, how many won
 * deals, negotiations, proposals, needs analyses, contacts and leads are needed.
 *
 * <p>Rounding: always up, to whole deals, at every stage, working backwards from the win:
 * {@code won = ⌈target / average deal⌉}, then {@code negotiations = ⌈won / rate(NEGOTIATION)⌉},
 * {@code proposals = ⌈negotiations / rate(PROPOSAL)⌉}, and so on to leads. Each stage is computed from the
 * next stage's whole count, so the requirement at every stage is enough to produce the next stage's count
 * (half a deal cannot be won); the result may exceed {@code ⌈target / (deal × all rates)⌉} by a few leads.
 * The arithmetic is exact decimal; the ceilings are the only rounding points.
 *
 * <p>Per rep and period: {@link #perGroup} applies the same rule to each group of a {@link Decomposition}
 * (e.g. rep × month); each group rounds up on its own, so the groups together may need a little more than
 * the team total would.
 */
public final class ReverseFunnel {

    private ReverseFunnel() {
    }

    /** The requirement for a revenue target (≥ 0, in the same currency as the average deal size). */
    public static FunnelRequirement requirement(Money revenueTarget, FunnelAssumptions assumptions) {
        Objects.requireNonNull(revenueTarget, "revenueTarget");
        Objects.requireNonNull(assumptions, "assumptions");
        if (!revenueTarget.currency().equals(assumptions.averageDealSize().currency())) {
            throw new DecompositionException(Reason.UNIT_MISMATCH, "the target is in " + revenueTarget.currency()
                    + " but the average deal size is in " + assumptions.averageDealSize().currency());
        }
        return requirement(revenueTarget.amount(), assumptions.averageDealSize().amount(), assumptions.rates());
    }

    /** The requirement for a revenue target (≥ 0) given in the same currency as {@code averageDealSize} (> 0). */
    public static FunnelRequirement requirement(BigDecimal revenueTarget, BigDecimal averageDealSize, ConversionRates rates) {
        Objects.requireNonNull(revenueTarget, "revenueTarget");
        Objects.requireNonNull(averageDealSize, "averageDealSize");
        Objects.requireNonNull(rates, "rates");
        if (revenueTarget.signum() < 0) {
            throw new DecompositionException(Reason.NEGATIVE_TARGET,
                    "the revenue target must not be negative but is " + revenueTarget.toPlainString());
        }
        if (averageDealSize.signum() <= 0) {
            throw new DecompositionException(Reason.NON_POSITIVE_DEAL_SIZE,
                    "the average deal size must be positive but is " + averageDealSize.toPlainString());
        }
        if (revenueTarget.signum() == 0) {
            return FunnelRequirement.NONE;
        }
        EnumMap<FunnelStage, Long> counts = new EnumMap<>(FunnelStage.class);
        BigDecimal needed = revenueTarget.divide(averageDealSize, 0, RoundingMode.CEILING);
        counts.put(FunnelStage.WON, needed.longValueExact());
        for (int s = FunnelStage.WON.ordinal() - 1; s >= 0; s--) {
            FunnelStage stage = FunnelStage.values()[s];
            needed = needed.divide(rates.rateFrom(stage), 0, RoundingMode.CEILING);
            counts.put(stage, needed.longValueExact());
        }
        return new FunnelRequirement(counts.get(FunnelStage.LEAD), counts.get(FunnelStage.CONTACTED),
                counts.get(FunnelStage.NEEDS_ANALYSIS), counts.get(FunnelStage.PROPOSAL),
                counts.get(FunnelStage.NEGOTIATION), counts.get(FunnelStage.WON));
    }

    /**
     * The requirement of every group of a revenue decomposition, grouped by the keys of {@code levelNames}
     * (see {@link Decomposition#rollUp}), e.g. {@code perGroup(d, assumptions, "rep", "month")}.
     */
    public static Map<List<String>, FunnelRequirement> perGroup(Decomposition decomposition, FunnelAssumptions assumptions,
                                                               String... levelNames) {
        Objects.requireNonNull(assumptions, "assumptions");
        return perGroup(decomposition, group -> assumptions, levelNames);
    }

    /** As {@link #perGroup(Decomposition, FunnelAssumptions, String...)} with assumptions chosen per group. */
    public static Map<List<String>, FunnelRequirement> perGroup(Decomposition decomposition,
                                                               Function<List<String>, FunnelAssumptions> assumptionsByGroup,
                                                               String... levelNames) {
        Objects.requireNonNull(decomposition, "decomposition");
        Objects.requireNonNull(assumptionsByGroup, "assumptionsByGroup");
        if (!decomposition.unit().isMoney()) {
            throw new DecompositionException(Reason.UNIT_MISMATCH, "the reverse funnel needs a revenue target, not a count");
        }
        String currency = decomposition.unit().currency().orElseThrow();
        Map<List<String>, FunnelRequirement> requirements = new LinkedHashMap<>();
        decomposition.rollUp(levelNames).forEach((group, revenue) ->
                requirements.put(group, requirement(Money.of(revenue, currency), assumptionsByGroup.apply(group))));
        return requirements;
    }
}

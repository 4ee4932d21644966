package io.attain.incentive.domain.commission;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Commission rates by attainment (credited amount as a percentage of quota).
 *
 * <p>Thresholds strictly increase (two tiers on one threshold would overlap; a lower threshold after a
 * higher one goes backwards) and rates never fall from one tier to the next, so selling more never earns
 * less. Below the lowest threshold nothing is earned. Whether a tier is reached is decided exactly
 * ({@code basis × 100 ≥ threshold × quota}); no rounded attainment figure takes part in it.
 */
public record AttainmentRateTable(RateMode mode, List<AttainmentTier> tiers) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public AttainmentRateTable {
        if (mode == null) {
            throw new InvalidPlanException("a rate table needs a mode, RETROACTIVE or MARGINAL");
        }
        if (tiers == null || tiers.isEmpty()) {
            throw new InvalidPlanException("a rate table needs at least one tier");
        }
        tiers = List.copyOf(tiers);
        for (int i = 1; i < tiers.size(); i++) {
            AttainmentTier lower = tiers.get(i - 1);
            AttainmentTier tier = tiers.get(i);
            int order = tier.thresholdPercent().compareTo(lower.thresholdPercent());
            if (order == 0) {
                throw new InvalidPlanException("tiers " + i + " and " + (i + 1) + " overlap: both start at "
                        + Figures.percent(tier.thresholdPercent()) + "; thresholds must strictly increase");
            }
            if (order < 0) {
                throw new InvalidPlanException("tier " + (i + 1) + " (" + tier + ") goes backwards: its threshold lies below "
                        + "tier " + i + " (" + lower + "); thresholds must strictly increase");
            }
            if (tier.ratePercent().compareTo(lower.ratePercent()) < 0) {
                throw new InvalidPlanException("tier " + (i + 1) + " (" + tier + ") goes backwards: its rate lies below "
                        + "tier " + i + " (" + lower + "); rates must not fall as attainment rises");
            }
        }
    }

    public static AttainmentRateTable of(RateMode mode, AttainmentTier... tiers) {
        return new AttainmentRateTable(mode, List.of(tiers));
    }

    /**
     * The slices of {@code basis} that earn commission against {@code quota} (both in the plan currency,
     * quota above zero): for {@code RETROACTIVE} at most one slice, the whole basis at the rate of the highest
     * tier reached; for {@code MARGINAL} one slice per tier with credit above its threshold. Empty when no
     * credit lies at or above the lowest threshold. Commissions are exact (not rounded).
     */
    public List<TierSlice> slices(BigDecimal basis, BigDecimal quota) {
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(quota, "quota");
        List<TierSlice> slices = new ArrayList<>(mode == RateMode.RETROACTIVE ? 1 : tiers.size());
        if (mode == RateMode.RETROACTIVE) {
            BigDecimal scaledBasis = basis.multiply(HUNDRED);
            for (int i = tiers.size() - 1; i >= 0; i--) {
                AttainmentTier tier = tiers.get(i);
                if (scaledBasis.compareTo(tier.thresholdPercent().multiply(quota)) >= 0) {
                    slices.add(new TierSlice(tier, null, null, basis, rateOf(basis, tier.ratePercent())));
                    break;
                }
            }
            return slices;
        }
        for (int i = 0; i < tiers.size(); i++) {
            AttainmentTier tier = tiers.get(i);
            BigDecimal from = share(quota, tier.thresholdPercent());
            if (basis.compareTo(from) <= 0) {
                break;
            }
            AttainmentTier next = i + 1 < tiers.size() ? tiers.get(i + 1) : null;
            BigDecimal to = next == null ? null : share(quota, next.thresholdPercent());
            BigDecimal top = to == null || basis.compareTo(to) < 0 ? basis : to;
            BigDecimal slice = top.subtract(from);
            slices.add(new TierSlice(tier, from, to, slice, rateOf(slice, tier.ratePercent())));
        }
        return slices;
    }

    /** The exact commission on {@code basis} against {@code quota}: the sum of {@link #slices}. */
    public BigDecimal commission(BigDecimal basis, BigDecimal quota) {
        BigDecimal commission = BigDecimal.ZERO;
        for (TierSlice slice : slices(basis, quota)) {
            commission = commission.add(slice.commission());
        }
        return commission;
    }

    /** The lowest threshold: below it nothing is earned. */
    public BigDecimal lowestThreshold() {
        return tiers.getFirst().thresholdPercent();
    }

    static BigDecimal share(BigDecimal amount, BigDecimal percent) {
        return amount.multiply(percent).movePointLeft(2);
    }

    private static BigDecimal rateOf(BigDecimal amount, BigDecimal ratePercent) {
        return share(amount, ratePercent);
    }

    /**
     * A part of the credited amount earning one tier's rate.
     *
     * @param from       for {@code MARGINAL}: the credited amount where the slice starts (the tier's threshold
     *                   of quota); {@code null} for {@code RETROACTIVE}
     * @param to         for {@code MARGINAL}: where the tier ends (the next tier's threshold of quota), or
     *                   {@code null} for the top tier and for {@code RETROACTIVE}
     * @param basis      the credited amount the rate applies to
     * @param commission {@code basis × rate}, exact
     */
    public record TierSlice(AttainmentTier tier, BigDecimal from, BigDecimal to, BigDecimal basis, BigDecimal commission) {
    }
}

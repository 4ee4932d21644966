package io.attain.incentive.domain.commission;

import java.math.BigDecimal;

/**
 * One row of an attainment rate table: from {@code thresholdPercent} of quota on, the rate is
 * {@code ratePercent} (80 → 1 reads "from 80% attainment, 1%").
 */
public record AttainmentTier(BigDecimal thresholdPercent, BigDecimal ratePercent) {

    public AttainmentTier {
        if (thresholdPercent == null || ratePercent == null) {
            throw new InvalidPlanException("a tier needs both a threshold and a rate, got " + thresholdPercent + " → " + ratePercent);
        }
        if (thresholdPercent.signum() < 0) {
            throw new InvalidPlanException("tier threshold " + Figures.percent(thresholdPercent) + " is negative");
        }
        if (ratePercent.signum() < 0) {
            throw new InvalidPlanException("tier rate " + Figures.percent(ratePercent) + " at threshold "
                    + Figures.percent(thresholdPercent) + " is negative");
        }
    }

    public static AttainmentTier of(String thresholdPercent, String ratePercent) {
        return new AttainmentTier(new BigDecimal(thresholdPercent), new BigDecimal(ratePercent));
    }

    @Override
    public String toString() {
        return Figures.percent(thresholdPercent) + " → " + Figures.percent(ratePercent);
    }
}

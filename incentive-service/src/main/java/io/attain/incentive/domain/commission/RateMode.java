package io.attain.incentive.domain.commission;

/** How an attainment rate table turns credited amount into commission. */
public enum RateMode {
    /** The whole credited amount at the rate of the highest tier reached (阶梯式提成). */
    RETROACTIVE,
    /** Each slice of credit between two tier thresholds at its own tier's rate (超额累进). */
    MARGINAL
}

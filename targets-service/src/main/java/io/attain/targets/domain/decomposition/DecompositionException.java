package io.attain.targets.domain.decomposition;

/**
 * A decomposition, allocation or funnel request that cannot be honoured as given.
 *
 * <p>The {@link Reason} is stable and meant for machines (an API maps it to a problem+json {@code type});
 * the message is meant for people and names the offending values.
 */
public final class DecompositionException extends IllegalArgumentException {

    /** What was wrong with the request. */
    public enum Reason {
        /** A split with no children, or a plan with no levels. */
        NO_CHILDREN,
        /** The same child key twice in one split, or the same level name twice in one plan. */
        DUPLICATE_KEY,
        /** A weight or percentage that is zero or negative. */
        NON_POSITIVE_WEIGHT,
        /** Percentages that do not add up to exactly 100. */
        PERCENTAGES_DO_NOT_SUM_TO_100,
        /** A negative last-year actual. */
        NEGATIVE_HISTORY,
        /** Last year's actuals are all zero and the policy is to refuse. */
        ALL_ZERO_HISTORY,
        /** A value to split that is zero or negative. */
        NON_POSITIVE_PARENT,
        /** An amount with more decimals than its unit allows (no silent rounding). */
        TOO_MANY_DECIMALS,
        /** An amount too large for the engine (beyond 2^63 - 1 minor units). */
        VALUE_TOO_LARGE,
        /** Amounts in different currencies, or money mixed with a count. */
        UNIT_MISMATCH,
        /** A pinned amount below zero. */
        NEGATIVE_PIN,
        /** Pinned amounts that add up to more than the parent. */
        PINS_EXCEED_PARENT,
        /** Every child is pinned and the pins do not add up to the parent. */
        PINS_DO_NOT_MATCH_PARENT,
        /** A bottom-up commitment below zero. */
        NEGATIVE_COMMITMENT,
        /** A key or path that names no child or node. */
        UNKNOWN_KEY,
        /** A level that refers to an unknown or later level, or that lacks shares for a parent key. */
        INVALID_LEVEL,
        /** A conversion rate that is not in (0, 1], or a missing stage rate. */
        INVALID_CONVERSION_RATE,
        /** An average deal size that is zero or negative. */
        NON_POSITIVE_DEAL_SIZE,
        /** A revenue target below zero. */
        NEGATIVE_TARGET
    }

    private static final long serialVersionUID = 1L;

    private final Reason reason;

    public DecompositionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

package io.attain.targets.domain.decomposition;

/** What a split by last year's actuals does when the children to share among had no actuals at all. */
public enum ZeroHistoryPolicy {
    /** Refuse with {@link DecompositionException.Reason#ALL_ZERO_HISTORY}: nobody chose a split yet. */
    REFUSE,
    /** Share equally, as if every child had sold the same. */
    EQUAL_SHARES
}

package io.attain.incentive.domain.commission;

/** What a {@link Multiplier} looks at to decide whether a credit matches. */
public enum MultiplierKind {
    /** The deal's product line equals the multiplier's value (e.g. new product B). */
    PRODUCT_LINE,
    /** The deal's channel equals the multiplier's value. */
    CHANNEL,
    /** The deal is with a new customer (新客户奖); the multiplier has no value. */
    NEW_CUSTOMER
}

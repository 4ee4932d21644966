package io.attain.incentive.domain.commission;

/** What a plan pays on. */
public enum CommissionBasis {
    /** Credits count on the day the deal was booked ({@code WON}), at their full amount. */
    BOOKED,
    /** Credits count as money comes in (回款): each payment on the day it was received, at its amount. */
    COLLECTED
}

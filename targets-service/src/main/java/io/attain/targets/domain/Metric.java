package io.attain.targets.domain;

/** What a target measures. Money metrics carry a currency; the others are counts or rates. */
public enum Metric {
    REVENUE(true), GROSS_PROFIT(true), COLLECTIONS(true),
    NEW_CUSTOMERS(false), DEAL_COUNT(false), RENEWAL_RATE(false),
    LEADS(false), VISITS(false), DEMOS(false), PROPOSALS(false);

    private final boolean money;

    Metric(boolean money) {
        this.money = money;
    }

    public boolean isMoney() {
        return money;
    }

    /** A rate in percent (renewal rate): neither money nor a whole count, and not split into parts. */
    public boolean isRate() {
        return this == RENEWAL_RATE;
    }

    /** A whole count: customers, deals, leads, visits, demos, proposals. */
    public boolean isCount() {
        return !money && !isRate();
    }
}

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
}

package io.attain.targets.attainment;

import io.attain.targets.domain.Metric;

import java.util.Optional;

/**
 * Where the actual of a target metric comes from in the deal read model. Activity KPIs are measured by
 * proxy until pipeline-service publishes activities: a deal entering a funnel stage counts as one lead
 * (LEAD), visit (CONTACTED, 初步接触), demo or proposal (PROPOSAL, 方案演示).
 */
public enum ActualSource {
    /** Amounts of won (WON or COLLECTED) deals, dated by when they were won. */
    WON_REVENUE(true, null),
    /** Payments net of reversals, dated by when the money moved. */
    COLLECTIONS(true, null),
    /** Won deals flagged {@code newCustomer}, one new customer each. */
    NEW_CUSTOMERS(false, null),
    /** Won deals. */
    WON_DEALS(false, null),
    LEAD_ENTRIES(false, "LEAD"),
    CONTACTED_ENTRIES(false, "CONTACTED"),
    PROPOSAL_ENTRIES(false, "PROPOSAL");

    private final boolean money;
    private final String stage;

    ActualSource(boolean money, String stage) {
        this.money = money;
        this.stage = stage;
    }

    public boolean isMoney() {
        return money;
    }

    /** For stage-entry proxies, the stage whose entries are counted. */
    public Optional<String> stage() {
        return Optional.ofNullable(stage);
    }

    /** How {@code metric} is measured; empty for metrics deal events do not carry (gross profit, renewal rate). */
    public static Optional<ActualSource> of(Metric metric) {
        return Optional.ofNullable(switch (metric) {
            case REVENUE -> WON_REVENUE;
            case COLLECTIONS -> COLLECTIONS;
            case NEW_CUSTOMERS -> NEW_CUSTOMERS;
            case DEAL_COUNT -> WON_DEALS;
            case LEADS -> LEAD_ENTRIES;
            case VISITS -> CONTACTED_ENTRIES;
            case DEMOS, PROPOSALS -> PROPOSAL_ENTRIES;
            case GROSS_PROFIT, RENEWAL_RATE -> null;
        });
    }
}

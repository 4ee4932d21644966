package io.attain.events;

/** Kafka topic names. The record key is always the aggregate id, so one aggregate's events stay ordered. */
public final class Topics {
    /** Full deal snapshots from pipeline-service. Key: deal id. */
    public static final String DEAL_EVENTS = "pipeline.deal-events.v1";
    /** Published and adjusted targets from targets-service. Key: target id. */
    public static final String TARGET_EVENTS = "targets.target-events.v1";
    /** Org unit and membership changes from targets-service. Key: org unit id or member id. */
    public static final String ORG_EVENTS = "targets.org-events.v1";
    /** Statements calculated and periods closed by incentive-service. Key: period id. */
    public static final String COMMISSION_EVENTS = "incentive.commission-events.v1";

    private Topics() {
    }
}

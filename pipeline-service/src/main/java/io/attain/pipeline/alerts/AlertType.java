package io.attain.pipeline.alerts;

/** The kinds of alert (预警), in the order an alert list shows them. */
public enum AlertType {
    /** An open deal with no activity, stage change or creation for more days than its stage allows. */
    STALE_DEAL,
    /** An open deal whose expected close date has passed. */
    PAST_CLOSE_DATE,
    /** An account with no recorded contact (activity) for too long (客户流失预警). */
    ACCOUNT_NO_CONTACT
}

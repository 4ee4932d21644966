package io.attain.pipeline.analytics;

/** Which date of a deal a period filter applies to. */
public enum PeriodBasis {
    /** The expected close date; deals without one fall outside any period. */
    CLOSE_DATE,
    /** The day the deal was created, in the analytics time zone. */
    CREATED
}

package io.attain.incentive.domain;

/** OPEN → CALCULATED → CLOSED. A closed period is locked: its statements never change again. */
public enum PeriodStatus {
    /** Accepting changes; statements recalculate as the ledger changes. */
    OPEN,
    /** Finance asked for a calculation; still recalculates as the ledger changes, until closed. */
    CALCULATED,
    /** Locked: later changes land in the next open period as adjustments and clawbacks. */
    CLOSED
}

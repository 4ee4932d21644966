package io.attain.targets.attainment;

/** How actual compares with what the seasonality expected by now. */
public enum PaceStatus {
    AHEAD, ON_TRACK, BEHIND, AT_RISK
}

package io.attain.targets.domain.check;

import java.math.BigDecimal;

/**
 * The outcome of one check.
 *
 * @param measured the figure the check looked at (growth ratio, coverage ratio, days), when there is one
 */
public record Finding(Check check, Severity severity, String message, BigDecimal measured) {

    public enum Check { SPECIFIC, MEASURABLE, TIME_BOUND, GROWTH_VS_LAST_YEAR, PIPELINE_COVERAGE }

    /** OK: passed; WARNING: outside a band, worth a second look; ERROR: the target is not well formed; SKIPPED: no data. */
    public enum Severity { OK, WARNING, ERROR, SKIPPED }
}

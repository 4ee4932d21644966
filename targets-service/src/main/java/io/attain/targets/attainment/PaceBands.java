package io.attain.targets.attainment;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * Bands on the pace ratio {@code actual / expected-to-date}: at or above {@code aheadFrom} AHEAD, at or
 * above {@code onTrackFrom} ON_TRACK, at or above {@code behindFrom} BEHIND, below it AT_RISK. Before
 * anything is expected (the period has not begun) the pace is ON_TRACK, or AHEAD with an actual already.
 */
public record PaceBands(BigDecimal aheadFrom, BigDecimal onTrackFrom, BigDecimal behindFrom) {

    public static final PaceBands DEFAULT = new PaceBands(new BigDecimal("1.10"), new BigDecimal("0.95"),
            new BigDecimal("0.80"));

    public PaceBands {
        Objects.requireNonNull(aheadFrom, "aheadFrom");
        Objects.requireNonNull(onTrackFrom, "onTrackFrom");
        Objects.requireNonNull(behindFrom, "behindFrom");
        if (behindFrom.signum() < 0 || onTrackFrom.compareTo(behindFrom) < 0 || aheadFrom.compareTo(onTrackFrom) < 0) {
            throw new IllegalArgumentException("pace bands must satisfy 0 <= behind-from <= on-track-from <= ahead-from,"
                    + " got " + behindFrom + ", " + onTrackFrom + ", " + aheadFrom);
        }
    }

    public PaceStatus status(BigDecimal actual, BigDecimal expectedToDate) {
        if (expectedToDate.signum() <= 0) {
            return actual.signum() > 0 ? PaceStatus.AHEAD : PaceStatus.ON_TRACK;
        }
        BigDecimal ratio = actual.divide(expectedToDate, MathContext.DECIMAL64);
        if (ratio.compareTo(aheadFrom) >= 0) {
            return PaceStatus.AHEAD;
        }
        if (ratio.compareTo(onTrackFrom) >= 0) {
            return PaceStatus.ON_TRACK;
        }
        if (ratio.compareTo(behindFrom) >= 0) {
            return PaceStatus.BEHIND;
        }
        return PaceStatus.AT_RISK;
    }
}

package io.attain.targets.attainment;

import java.math.BigDecimal;

/**
 * One member's line of a leaderboard.
 *
 * @param target  the member's own target for the metric and period, or {@code null} when they have none
 * @param percent attainment in percent, or {@code null} without a target
 * @param rank    1-based; members with equal percent and actual share a rank (1, 2, 2, 4)
 */
public record Standing(int rank, String memberId, String displayName, BigDecimal actual, BigDecimal target,
                       BigDecimal percent) {
}

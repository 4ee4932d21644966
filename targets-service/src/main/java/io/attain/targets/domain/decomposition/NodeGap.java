package io.attain.targets.domain.decomposition;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Top-down proposal against bottom-up commitments for one node.
 *
 * @param path               keys from the top; empty for the root
 * @param level              name of the level that produced the node; {@code ""} for the root
 * @param proposed           the top-down value
 * @param committed          the sum of the commitments at and below this node (missing ones count as zero)
 * @param gap                {@code proposed − committed}: positive is a shortfall still to be covered, negative
 *                           means the commitments exceed the proposal
 * @param gapPercent         {@code gap / proposed × 100}, rounded half-up to two decimals; empty when the proposal
 *                           is zero
 * @param missingCommitments how many nodes of the commitment level at or below this one have no commitment
 */
public record NodeGap(List<String> path, String level, BigDecimal proposed, BigDecimal committed, BigDecimal gap,
                      Optional<BigDecimal> gapPercent, int missingCommitments) {

    public NodeGap {
        path = List.copyOf(path);
    }

    public boolean isShortfall() {
        return gap.signum() > 0;
    }
}

package io.attain.incentive.domain.commission;

import io.attain.allocation.IntegerWeights;
import io.attain.allocation.LargestRemainder;

import java.math.BigDecimal;

/**
 * Shares a whole number of minor units out in proportion to weights so that the shares add up exactly,
 * by the one largest-remainder apportionment of the {@code allocation} module. The weights here are
 * amounts (a member's credit, a credit's commission), whose shares often have no finite percentage (a
 * third); they are taken exactly. Ties between equal losses are settled by the caller's key, so the result
 * does not depend on the order of the weights.
 */
final class WeightedAllocation {

    private WeightedAllocation() {
    }

    /** Orders two positions whose losses tie: negative when the first is to get the unit first. Never zero for two positions. */
    @FunctionalInterface
    interface TieBreak extends LargestRemainder.TieBreak {
    }

    /**
     * @param units   zero or more minor units to share out
     * @param ties    orders positions whose losses are equal (by the key of what they stand for)
     * @param weights zero or more each, above zero together unless {@code units} is zero
     * @return the shares, in the order of {@code weights}; they add up to {@code units}
     */
    static long[] allocate(long units, TieBreak ties, BigDecimal[] weights) {
        for (BigDecimal weight : weights) {
            if (weight.signum() < 0) {
                throw new IllegalArgumentException("weights must be zero or more, got " + weight);
            }
        }
        return units == 0 ? shareNothing(weights.length) : LargestRemainder.allocate(units, IntegerWeights.of(weights), ties);
    }

    /** As {@link #allocate(long, TieBreak, BigDecimal[])}, for whole-number weights. */
    static long[] allocate(long units, TieBreak ties, long[] weights) {
        for (long weight : weights) {
            if (weight < 0) {
                throw new IllegalArgumentException("weights must be zero or more, got " + weight);
            }
        }
        return units == 0 ? shareNothing(weights.length) : LargestRemainder.allocate(units, IntegerWeights.of(weights), ties);
    }

    private static long[] shareNothing(int parts) {
        return new long[parts];
    }
}

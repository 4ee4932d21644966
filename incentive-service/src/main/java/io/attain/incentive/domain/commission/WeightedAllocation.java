package io.attain.incentive.domain.commission;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shares a whole number of minor units out in proportion to weights so that the shares add up exactly
 * (largest remainder): every share is first rounded down, then the units still missing go one each to the
 * shares that lost the most, ties to the smaller key — the method of
 * {@link io.attain.incentive.domain.SplitAllocation}, which shares a deal by percentages adding up to
 * exactly 100. Here the weights are amounts (a member's credit, a credit's commission), whose shares often
 * have no finite percentage (a third), so the shares are computed from the weights themselves, exactly:
 * in {@code long} arithmetic when the products fit, otherwise in {@link BigInteger}.
 */
final class WeightedAllocation {

    private WeightedAllocation() {
    }

    /** Orders two positions whose losses tie: negative when the first is to get the unit first. Never zero for two positions. */
    @FunctionalInterface
    interface TieBreak {
        int compare(int first, int second);
    }

    /**
     * @param units   zero or more minor units to share out
     * @param ties    orders positions whose losses are equal (by the key of what they stand for)
     * @param weights zero or more each, above zero together unless {@code units} is zero
     * @return the shares, in the order of {@code weights}; they add up to {@code units}
     */
    static long[] allocate(long units, TieBreak ties, BigDecimal[] weights) {
        requireShareable(units);
        int scale = 0;
        for (BigDecimal weight : weights) {
            if (weight.signum() < 0) {
                throw new IllegalArgumentException("weights must be zero or more, got " + weight);
            }
            scale = Math.max(scale, weight.scale());
        }
        if (units == 0) {
            return new long[weights.length];
        }
        long[] small = new long[weights.length];
        for (int i = 0; i < weights.length; i++) {
            BigDecimal scaled = weights[i].movePointRight(scale);
            if (scaled.precision() > 18) {
                BigInteger[] integral = new BigInteger[weights.length];
                for (int j = 0; j < weights.length; j++) {
                    integral[j] = weights[j].movePointRight(scale).toBigIntegerExact();
                }
                return allocateExactly(units, ties, integral);
            }
            small[i] = scaled.longValueExact();
        }
        return allocate(units, ties, small);
    }

    /** As {@link #allocate(long, TieBreak, BigDecimal[])}, for whole-number weights. */
    static long[] allocate(long units, TieBreak ties, long[] weights) {
        requireShareable(units);
        long[] shares = new long[weights.length];
        if (units == 0) {
            return shares;
        }
        long total = 0;
        for (long weight : weights) {
            if (weight < 0) {
                throw new IllegalArgumentException("weights must be zero or more, got " + weight);
            }
            total += weight;
            if (total < 0) {
                return allocateExactly(units, ties, toBig(weights));
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("cannot share out " + units + " units by weights that are all zero");
        }
        long[] losses = new long[weights.length];
        long allocated = 0;
        for (int i = 0; i < weights.length; i++) {
            long product = units * weights[i];
            if (Math.multiplyHigh(units, weights[i]) != 0 || product < 0) {
                return allocateExactly(units, ties, toBig(weights));
            }
            shares[i] = product / total;
            losses[i] = product % total;
            allocated += shares[i];
        }
        long leftover = units - allocated;
        if (leftover > 0) {
            // The leftover goes to the largest losses: find the smallest loss that still gets a unit, give one to
            // every larger loss, and settle the ties at that loss by key.
            long[] sorted = losses.clone();
            Arrays.sort(sorted);
            long threshold = sorted[sorted.length - (int) leftover];
            List<Integer> tied = new ArrayList<>();
            for (int i = 0; i < losses.length; i++) {
                if (losses[i] > threshold) {
                    shares[i]++;
                    leftover--;
                } else if (losses[i] == threshold) {
                    tied.add(i);
                }
            }
            tied.sort(ties::compare);
            giveLeftover(shares, tied, leftover);
        }
        return shares;
    }

    private static long[] allocateExactly(long units, TieBreak ties, BigInteger[] weights) {
        long[] shares = new long[weights.length];
        BigInteger total = BigInteger.ZERO;
        for (BigInteger weight : weights) {
            total = total.add(weight);
        }
        if (total.signum() == 0) {
            throw new IllegalArgumentException("cannot share out " + units + " units by weights that are all zero");
        }
        BigInteger whole = BigInteger.valueOf(units);
        BigInteger[] losses = new BigInteger[weights.length];
        long allocated = 0;
        for (int i = 0; i < weights.length; i++) {
            BigInteger[] division = whole.multiply(weights[i]).divideAndRemainder(total);
            shares[i] = division[0].longValueExact();
            losses[i] = division[1];
            allocated += shares[i];
        }
        long leftover = units - allocated;
        if (leftover > 0) {
            List<Integer> losing = new ArrayList<>();
            for (int i = 0; i < weights.length; i++) {
                if (losses[i].signum() > 0) {
                    losing.add(i);
                }
            }
            losing.sort((a, b) -> {
                int byLoss = losses[b].compareTo(losses[a]);
                return byLoss != 0 ? byLoss : ties.compare(a, b);
            });
            giveLeftover(shares, losing, leftover);
        }
        return shares;
    }

    // Fewer units are left than there are shares with a loss, because each share lost less than one unit.
    private static void giveLeftover(long[] shares, List<Integer> losing, long leftover) {
        for (int i = 0; i < leftover; i++) {
            shares[losing.get(i)]++;
        }
    }

    private static void requireShareable(long units) {
        if (units < 0) {
            throw new IllegalArgumentException("cannot share out a negative number of units: " + units);
        }
    }

    private static BigInteger[] toBig(long[] weights) {
        BigInteger[] big = new BigInteger[weights.length];
        for (int i = 0; i < weights.length; i++) {
            big[i] = BigInteger.valueOf(weights[i]);
        }
        return big;
    }
}

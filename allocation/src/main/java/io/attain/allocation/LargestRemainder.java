package io.attain.allocation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Largest-remainder (Hamilton) apportionment of a whole number of minor units by exact integer weights.
 *
 * <p>Each child first gets {@code floor(total × w / W)}; the units left over (fewer than the number of
 * children) go one each to the children with the largest remainders {@code total × w mod W}. Ties go to
 * the child declared first, or as a {@link TieBreak} says. So the parts always add up to the total exactly, every part is within one
 * minor unit of its exact share, and the same input always gives the same output.
 *
 * <p>The arithmetic is exact: {@code long} while {@code total × w} fits (checked with
 * {@link Math#multiplyHigh}), {@link BigInteger} otherwise.
 */
public final class LargestRemainder {

    /** Up to this many children the leftover units are placed by scanning; beyond it by sorting. */
    private static final int SCAN_LIMIT = 16;

    private LargestRemainder() {
    }

    /**
     * Splits {@code total} (≥ 0) into {@code out[offset .. offset + k)} by {@code weights}.
     * {@code remainders} is scratch space of at least {@code k} entries, so a caller splitting many
     * parents allocates it once.
     */
    public static void allocate(long total, IntegerWeights weights, long[] out, int offset, long[] remainders) {
        requireShareable(total);
        int k = weights.size();
        if (total == 0) {
            Arrays.fill(out, offset, offset + k, 0L);
            return;
        }
        if (weights.small != null && allocateInLongs(total, weights.small, weights.smallTotal, out, offset, remainders)) {
            return;
        }
        allocateExact(total, weights, out, offset);
    }

    public static long[] allocate(long total, IntegerWeights weights) {
        long[] out = new long[weights.size()];
        allocate(total, weights, out, 0, new long[weights.size()]);
        return out;
    }

    private static boolean allocateInLongs(long total, long[] w, long weightTotal, long[] out, int offset, long[] rem) {
        int k = w.length;
        long assigned = 0;
        for (int i = 0; i < k; i++) {
            long wi = w[i];
            long product = total * wi;
            if (Math.multiplyHigh(total, wi) != 0 || product < 0) {
                return false;
            }
            long q = product / weightTotal;
            out[offset + i] = q;
            rem[i] = product - q * weightTotal;
            assigned += q;
        }
        long leftover = total - assigned;
        if (leftover == 0) {
            return true;
        }
        if (k <= SCAN_LIMIT) {
            int chosen = 0;
            for (long n = 0; n < leftover; n++) {
                int best = -1;
                for (int i = 0; i < k; i++) {
                    if ((chosen & (1 << i)) == 0 && (best < 0 || rem[i] > rem[best])) {
                        best = i;
                    }
                }
                chosen |= 1 << best;
                out[offset + best]++;
            }
            return true;
        }
        int indexBits = Integer.SIZE - Integer.numberOfLeadingZeros(k - 1);
        if (Long.SIZE - 1 - Long.numberOfLeadingZeros(weightTotal) < Long.SIZE - 1 - indexBits) {
            // (W - 1 - r) and the index packed in one long: ascending order = largest remainder first,
            // then lowest index; no boxing for the many-children case (thousands of reps).
            long[] keys = new long[k];
            for (int i = 0; i < k; i++) {
                keys[i] = ((weightTotal - 1 - rem[i]) << indexBits) | i;
            }
            Arrays.sort(keys);
            long indexMask = (1L << indexBits) - 1;
            for (int n = 0; n < leftover; n++) {
                out[offset + (int) (keys[n] & indexMask)]++;
            }
            return true;
        }
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> rem[a] != rem[b] ? Long.compare(rem[b], rem[a]) : Integer.compare(a, b));
        for (int n = 0; n < leftover; n++) {
            out[offset + order[n]]++;
        }
        return true;
    }

    /** Orders two positions whose remainders tie: negative when the first is to get a unit first; never zero for two positions. */
    @FunctionalInterface
    public interface TieBreak {
        int compare(int first, int second);
    }

    /**
     * The same apportionment with ties between equal remainders settled by {@code ties} rather than by
     * position, for callers whose order of parts carries no meaning (say members keyed by id).
     */
    public static long[] allocate(long total, IntegerWeights weights, TieBreak ties) {
        requireShareable(total);
        int k = weights.size();
        long[] out = new long[k];
        if (total == 0) {
            return out;
        }
        if (weights.small != null && allocateInLongs(total, weights.small, weights.smallTotal, ties, out)) {
            return out;
        }
        BigInteger bigTotal = BigInteger.valueOf(total);
        BigInteger[] rem = new BigInteger[k];
        long assigned = 0;
        for (int i = 0; i < k; i++) {
            BigInteger[] qr = bigTotal.multiply(weights.big[i]).divideAndRemainder(weights.bigTotal);
            out[i] = qr[0].longValueExact();
            rem[i] = qr[1];
            assigned += out[i];
        }
        long leftover = total - assigned;
        if (leftover == 0) {
            return out;
        }
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int byRemainder = rem[b].compareTo(rem[a]);
            return byRemainder != 0 ? byRemainder : ties.compare(a, b);
        });
        for (int n = 0; n < leftover; n++) {
            out[order[n]]++;
        }
        return out;
    }

    private static boolean allocateInLongs(long total, long[] w, long weightTotal, TieBreak ties, long[] out) {
        int k = w.length;
        long[] rem = new long[k];
        long assigned = 0;
        for (int i = 0; i < k; i++) {
            long product = total * w[i];
            if (Math.multiplyHigh(total, w[i]) != 0 || product < 0) {
                return false;
            }
            out[i] = product / weightTotal;
            rem[i] = product - out[i] * weightTotal;
            assigned += out[i];
        }
        long leftover = total - assigned;
        if (leftover == 0) {
            return true;
        }
        // Every remainder above the smallest one that still gets a unit gets one; the ties at that remainder
        // are settled by the tie-break, so only they are sorted.
        long[] sorted = rem.clone();
        Arrays.sort(sorted);
        long threshold = sorted[k - (int) leftover];
        List<Integer> tied = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            if (rem[i] > threshold) {
                out[i]++;
                leftover--;
            } else if (rem[i] == threshold) {
                tied.add(i);
            }
        }
        tied.sort(ties::compare);
        for (int n = 0; n < leftover; n++) {
            out[tied.get(n)]++;
        }
        return true;
    }

    /** The same apportionment, always in {@link BigInteger} (the reference the fast path must agree with). */
    public static void allocateExact(long total, IntegerWeights weights, long[] out, int offset) {
        requireShareable(total);
        int k = weights.size();
        BigInteger bigTotal = BigInteger.valueOf(total);
        BigInteger[] rem = new BigInteger[k];
        long assigned = 0;
        for (int i = 0; i < k; i++) {
            BigInteger[] qr = bigTotal.multiply(weights.big[i]).divideAndRemainder(weights.bigTotal);
            long q = qr[0].longValueExact();
            out[offset + i] = q;
            rem[i] = qr[1];
            assigned += q;
        }
        long leftover = total - assigned;
        if (leftover == 0) {
            return;
        }
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int byRemainder = rem[b].compareTo(rem[a]);
            return byRemainder != 0 ? byRemainder : Integer.compare(a, b);
        });
        for (int n = 0; n < leftover; n++) {
            out[offset + order[n]]++;
        }
    }

    private static void requireShareable(long total) {
        if (total < 0) {
            throw new IllegalArgumentException("cannot share out a negative number of units: " + total);
        }
    }
}

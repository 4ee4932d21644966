package io.attain.allocation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Non-negative weights as exact integers with a positive total, reduced by their greatest common divisor
 * so that {@code 20% / 30% / 25% / 25%} becomes {@code 4 / 6 / 5 / 5}. Kept as {@code long}s when they fit,
 * which is the fast path of {@link LargestRemainder}; exact {@link BigInteger}s always.
 */
public final class IntegerWeights {

    final BigInteger[] big;
    final BigInteger bigTotal;
    /** The same weights as {@code long}s, or {@code null} when a weight or the total does not fit. */
    final long[] small;
    final long smallTotal;

    private IntegerWeights(BigInteger[] big) {
        BigInteger gcd = BigInteger.ZERO;
        for (BigInteger w : big) {
            gcd = gcd.gcd(w);
        }
        BigInteger total = BigInteger.ZERO;
        for (int i = 0; i < big.length; i++) {
            big[i] = big[i].divide(gcd);
            total = total.add(big[i]);
        }
        this.big = big;
        this.bigTotal = total;
        if (total.bitLength() < Long.SIZE) {
            small = new long[big.length];
            for (int i = 0; i < big.length; i++) {
                small[i] = big[i].longValue();
            }
            smallTotal = total.longValue();
        } else {
            small = null;
            smallTotal = 0;
        }
    }

    /** Exact integer weights proportional to {@code weights}; at least one must be positive, none negative. */
    public static IntegerWeights of(BigDecimal[] weights) {
        int scale = 0;
        for (BigDecimal w : weights) {
            scale = Math.max(scale, w.scale());
        }
        BigInteger[] big = new BigInteger[weights.length];
        for (int i = 0; i < weights.length; i++) {
            big[i] = weights[i].setScale(scale).unscaledValue();
        }
        return of(big);
    }

    public static IntegerWeights of(BigInteger[] weights) {
        boolean anyPositive = false;
        for (BigInteger w : weights) {
            if (w.signum() < 0) {
                throw new IllegalArgumentException("weights must be zero or more, got " + w);
            }
            anyPositive |= w.signum() > 0;
        }
        if (!anyPositive) {
            throw new IllegalArgumentException("cannot share out by weights that are all zero");
        }
        return new IntegerWeights(weights.clone());
    }

    public static IntegerWeights of(long[] weights) {
        BigInteger[] big = new BigInteger[weights.length];
        for (int i = 0; i < weights.length; i++) {
            big[i] = BigInteger.valueOf(weights[i]);
        }
        return of(big);
    }

    /** {@code count} equal weights. */
    public static IntegerWeights equal(int count) {
        BigInteger[] ones = new BigInteger[count];
        Arrays.fill(ones, BigInteger.ONE);
        return new IntegerWeights(ones);
    }

    /** The {@code i}th weight after reduction. */
    public BigInteger weight(int i) {
        return big[i];
    }

    /** The sum of the reduced weights. */
    public BigInteger total() {
        return bigTotal;
    }

    /** Whether the weights and their total fit in {@code long}s, the fast path of {@link LargestRemainder}. */
    public boolean fitsInLongs() {
        return small != null;
    }

    public int size() {
        return big.length;
    }

    /** The weights at {@code indexes}, or {@code null} when they are all zero. */
    public IntegerWeights subset(int[] indexes) {
        BigInteger[] picked = new BigInteger[indexes.length];
        boolean anyPositive = false;
        for (int i = 0; i < indexes.length; i++) {
            picked[i] = big[indexes[i]];
            anyPositive |= picked[i].signum() > 0;
        }
        return anyPositive ? new IntegerWeights(picked) : null;
    }
}

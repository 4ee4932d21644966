package io.attain.targets.domain.decomposition;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Non-negative weights as exact integers with a positive total, reduced by their greatest common divisor
 * so that {@code 20% / 30% / 25% / 25%} becomes {@code 4 / 6 / 5 / 5}. Kept as {@code long}s when they fit,
 * which is the fast path of {@link LargestRemainder}; exact {@link BigInteger}s always.
 */
final class IntegerWeights {

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
    static IntegerWeights of(BigDecimal[] weights) {
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

    static IntegerWeights of(BigInteger[] weights) {
        boolean anyPositive = false;
        for (BigInteger w : weights) {
            if (w.signum() < 0) {
                throw new IllegalStateException("negative weight reached the allocator");
            }
            anyPositive |= w.signum() > 0;
        }
        if (!anyPositive) {
            throw new IllegalStateException("all-zero weights reached the allocator");
        }
        return new IntegerWeights(weights.clone());
    }

    /** {@code count} equal weights. */
    static IntegerWeights equal(int count) {
        BigInteger[] ones = new BigInteger[count];
        java.util.Arrays.fill(ones, BigInteger.ONE);
        return new IntegerWeights(ones);
    }

    int size() {
        return big.length;
    }

    /** The weights at {@code indexes}, or {@code null} when they are all zero. */
    IntegerWeights subset(int[] indexes) {
        BigInteger[] picked = new BigInteger[indexes.length];
        boolean anyPositive = false;
        for (int i = 0; i < indexes.length; i++) {
            picked[i] = big[indexes[i]];
            anyPositive |= picked[i].signum() > 0;
        }
        return anyPositive ? new IntegerWeights(picked) : null;
    }
}

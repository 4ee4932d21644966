package io.attain.targets.domain.decomposition;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * Seeded random inputs for the property tests: each test case is one seed, so a failure names the seed
 * and replays exactly.
 */
final class RandomInputs {

    private final Random random;

    RandomInputs(long seed) {
        this.random = new Random(seed);
    }

    static LongStream seeds(int count) {
        return LongStream.rangeClosed(1, count);
    }

    int between(int lowInclusive, int highInclusive) {
        return lowInclusive + random.nextInt(highInclusive - lowInclusive + 1);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /** A positive amount of minor units spanning cents to hundreds of billions. */
    long parentMinorUnits() {
        return switch (random.nextInt(4)) {
            case 0 -> 1 + random.nextInt(100);
            case 1 -> 1 + random.nextInt(1_000_000);
            case 2 -> 1 + (random.nextLong() & Long.MAX_VALUE) % 10_000_000_000_000L;
            default -> 1 + (random.nextLong() & Long.MAX_VALUE) % (Long.MAX_VALUE / 4);
        };
    }

    /** A positive weight with 0 to 6 decimals, sometimes huge, sometimes tiny. */
    BigDecimal weight() {
        return switch (random.nextInt(5)) {
            case 0 -> BigDecimal.valueOf(1 + random.nextInt(10));
            case 1 -> BigDecimal.valueOf(1 + random.nextInt(1_000_000), random.nextInt(7));
            case 2 -> new BigDecimal(new BigInteger(90, random).add(BigInteger.ONE), random.nextInt(4));
            case 3 -> BigDecimal.valueOf(1 + random.nextInt(100), 2);
            default -> BigDecimal.valueOf(1 + (random.nextLong() & Long.MAX_VALUE) % 1_000_000_000_000L, 2);
        };
    }

    List<String> keys(int count, String prefix) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    /** Shares of one of every kind over {@code keys}. */
    Shares shares(List<String> keys) {
        switch (random.nextInt(4)) {
            case 0:
                return Shares.equal(keys);
            case 1:
                return Shares.percentages(percentages(keys));
            case 2: {
                Map<String, BigDecimal> actuals = new LinkedHashMap<>();
                for (String key : keys) {
                    actuals.put(key, chance(0.2) ? BigDecimal.ZERO : weight());
                }
                return Shares.history(actuals, ZeroHistoryPolicy.EQUAL_SHARES);
            }
            default: {
                Map<String, BigDecimal> weights = new LinkedHashMap<>();
                for (String key : keys) {
                    weights.put(key, weight());
                }
                return Shares.weights(weights);
            }
        }
    }

    /** Positive percentages with two decimals adding up to exactly 100. */
    Map<String, BigDecimal> percentages(List<String> keys) {
        int hundredths = 10_000;
        int k = keys.size();
        long[] cuts = new long[k];
        int remaining = hundredths - k;
        for (int i = 0; i < k - 1; i++) {
            int part = remaining == 0 ? 0 : random.nextInt(remaining / Math.max(1, (k - 1 - i)) + 1);
            cuts[i] = 1 + part;
            remaining -= part;
        }
        cuts[k - 1] = 1 + remaining;
        Map<String, BigDecimal> percentages = new LinkedHashMap<>();
        for (int i = 0; i < k; i++) {
            percentages.put(keys.get(i), BigDecimal.valueOf(cuts[i], 2));
        }
        return percentages;
    }

    long nextLong(long boundExclusive) {
        return (random.nextLong() & Long.MAX_VALUE) % boundExclusive;
    }
}

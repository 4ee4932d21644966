package io.attain.targets.domain.decomposition;

import io.attain.allocation.IntegerWeights;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

import static io.attain.targets.domain.decomposition.DecompositionException.Reason;

/**
 * How one value is shared among named children, in declaration order, which is also the tie-break order
 * of largest-remainder rounding: the order of the list, or of the map when it has one (a
 * {@link SequencedMap} such as {@link LinkedHashMap} or {@code TreeMap}); the keys of an unordered map
 * ({@code Map.of}, {@code HashMap}) are sorted, so that the same shares always give the same result.
 *
 * <ul>
 *   <li>{@link #weights} — any positive numbers; only their ratios matter ({@code 70 / 30 / 20});</li>
 *   <li>{@link #percentages} — positive and adding up to exactly 100 ({@code 40 / 40 / 20});</li>
 *   <li>{@link #equal} — the same share for each;</li>
 *   <li>{@link #history} — last year's actuals as weights; a child with zero actuals gets zero, and when
 *       all are zero the {@link ZeroHistoryPolicy} decides.</li>
 * </ul>
 * Immutable; validated when created, so a {@code Shares} in hand is always usable.
 */
public final class Shares {

    /** Where the shares came from; kept for explanations. */
    public enum Kind { WEIGHTS, PERCENTAGES, EQUAL, HISTORY }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Kind kind;
    private final List<String> keys;
    private final Map<String, Integer> positions;
    private final List<BigDecimal> declared;
    private final ZeroHistoryPolicy zeroHistoryPolicy;
    private final IntegerWeights weights;

    private Shares(Kind kind, List<String> keys, List<BigDecimal> declared, ZeroHistoryPolicy zeroHistoryPolicy,
                   IntegerWeights weights) {
        this.kind = kind;
        this.keys = List.copyOf(keys);
        this.declared = List.copyOf(declared);
        this.zeroHistoryPolicy = zeroHistoryPolicy;
        this.weights = weights;
        Map<String, Integer> byKey = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            byKey.put(keys.get(i), i);
        }
        this.positions = Collections.unmodifiableMap(byKey);
    }

    /** Shares proportional to positive weights, e.g. {@code A=70, B=30, services=20}. */
    public static Shares weights(Map<String, ? extends Number> weightsByKey) {
        Entries entries = Entries.of(weightsByKey);
        for (int i = 0; i < entries.size(); i++) {
            requirePositive(entries.keys.get(i), entries.values.get(i), "weight");
        }
        return new Shares(Kind.WEIGHTS, entries.keys, entries.values, null, IntegerWeights.of(entries.array()));
    }

    /** Shares as positive percentages that add up to exactly 100, e.g. {@code core=70, potential=30}. */
    public static Shares percentages(Map<String, ? extends Number> percentagesByKey) {
        Entries entries = Entries.of(percentagesByKey);
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < entries.size(); i++) {
            requirePositive(entries.keys.get(i), entries.values.get(i), "percentage");
            sum = sum.add(entries.values.get(i));
        }
        if (sum.compareTo(HUNDRED) != 0) {
            throw new DecompositionException(Reason.PERCENTAGES_DO_NOT_SUM_TO_100,
                    "percentages must add up to 100 but add up to " + sum.stripTrailingZeros().toPlainString()
                            + " " + entries.describe());
        }
        return new Shares(Kind.PERCENTAGES, entries.keys, entries.values, null, IntegerWeights.of(entries.array()));
    }

    /** The same share for each key. */
    public static Shares equal(List<String> keys) {
        Objects.requireNonNull(keys, "keys");
        if (keys.isEmpty()) {
            throw new DecompositionException(Reason.NO_CHILDREN, "a split needs at least one child");
        }
        Map<String, BigDecimal> ones = new LinkedHashMap<>();
        for (String key : keys) {
            Objects.requireNonNull(key, "key");
            if (ones.put(key, BigDecimal.ONE) != null) {
                throw new DecompositionException(Reason.DUPLICATE_KEY, "child '" + key + "' is listed twice");
            }
        }
        return new Shares(Kind.EQUAL, keys, new ArrayList<>(ones.values()), null, IntegerWeights.equal(keys.size()));
    }

    public static Shares equal(String... keys) {
        return equal(List.of(keys));
    }

    /**
     * Shares proportional to last year's actuals (non-negative). A child that sold nothing gets nothing;
     * when every child sold nothing, {@code policy} either refuses or falls back to equal shares.
     */
    public static Shares history(Map<String, ? extends Number> lastYearActuals, ZeroHistoryPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        Entries entries = Entries.of(lastYearActuals);
        boolean anyPositive = false;
        for (int i = 0; i < entries.size(); i++) {
            BigDecimal actual = entries.values.get(i);
            if (actual.signum() < 0) {
                throw new DecompositionException(Reason.NEGATIVE_HISTORY,
                        "last year's actual of '" + entries.keys.get(i) + "' is negative: " + actual.toPlainString());
            }
            anyPositive |= actual.signum() > 0;
        }
        IntegerWeights integerWeights;
        if (anyPositive) {
            integerWeights = IntegerWeights.of(entries.array());
        } else if (policy == ZeroHistoryPolicy.EQUAL_SHARES) {
            integerWeights = IntegerWeights.equal(entries.size());
        } else {
            throw allZeroHistory(entries.keys);
        }
        return new Shares(Kind.HISTORY, entries.keys, entries.values, policy, integerWeights);
    }

    public Kind kind() {
        return kind;
    }

    /** Child keys in declaration order. */
    public List<String> keys() {
        return keys;
    }

    public int size() {
        return keys.size();
    }

    /** Position of {@code key} in declaration order, or -1. */
    public int indexOf(String key) {
        Integer position = positions.get(key);
        return position == null ? -1 : position;
    }

    /** The weight, percentage or actual declared for {@code key} ({@code 1} for equal shares). */
    public BigDecimal declared(String key) {
        int i = indexOf(key);
        if (i < 0) {
            throw unknownKey(key);
        }
        return declared.get(i);
    }

    IntegerWeights integerWeights() {
        return weights;
    }

    /**
     * Weights among the children at {@code positions} (the unpinned ones). When those are history shares
     * that are all zero, the {@link ZeroHistoryPolicy} decides: equal weights, or refused.
     */
    IntegerWeights weightsAmong(int[] positions) {
        IntegerWeights subset = weights.subset(positions);
        if (subset != null) {
            return subset;
        }
        if (zeroHistoryPolicy == ZeroHistoryPolicy.REFUSE) {
            List<String> names = new ArrayList<>();
            for (int p : positions) {
                names.add(keys.get(p));
            }
            throw allZeroHistory(names);
        }
        return IntegerWeights.equal(positions.length);
    }

    DecompositionException unknownKey(String key) {
        return new DecompositionException(Reason.UNKNOWN_KEY, "no child '" + key + "' among " + keys);
    }

    private static DecompositionException allZeroHistory(List<String> keys) {
        return new DecompositionException(Reason.ALL_ZERO_HISTORY,
                "last year's actuals of " + keys + " are all zero: choose weights or equal shares");
    }

    private static void requirePositive(String key, BigDecimal value, String what) {
        if (value.signum() <= 0) {
            throw new DecompositionException(Reason.NON_POSITIVE_WEIGHT,
                    "the " + what + " of '" + key + "' must be positive but is " + value.toPlainString());
        }
    }

    @Override
    public String toString() {
        return kind + " " + Entries.describe(keys, declared);
    }

    /** Keys and decimal values in declaration order, checked for emptiness and nulls. */
    private record Entries(List<String> keys, List<BigDecimal> values) {

        static Entries of(Map<String, ? extends Number> map) {
            Objects.requireNonNull(map, "shares");
            if (map.isEmpty()) {
                throw new DecompositionException(Reason.NO_CHILDREN, "a split needs at least one child");
            }
            List<String> keys = new ArrayList<>(map.size());
            for (String key : map.keySet()) {
                keys.add(Objects.requireNonNull(key, "key"));
            }
            if (!(map instanceof SequencedMap<?, ?>)) {
                // Map.of and HashMap iterate in an order that can change between runs: sort, so that the
                // tie-break (and so the result) is the same every time
                Collections.sort(keys);
            }
            List<BigDecimal> values = new ArrayList<>(map.size());
            for (String key : keys) {
                Number value = map.get(key);
                Objects.requireNonNull(value, () -> "share of '" + key + "'");
                values.add(toDecimal(value));
            }
            return new Entries(keys, values);
        }

        int size() {
            return keys.size();
        }

        BigDecimal[] array() {
            return values.toArray(BigDecimal[]::new);
        }

        String describe() {
            return describe(keys, values);
        }

        static String describe(List<String> keys, List<BigDecimal> values) {
            StringBuilder text = new StringBuilder("(");
            for (int i = 0; i < keys.size(); i++) {
                text.append(i == 0 ? "" : ", ").append(keys.get(i)).append('=')
                        .append(values.get(i).stripTrailingZeros().toPlainString());
            }
            return text.append(')').toString();
        }

        private static BigDecimal toDecimal(Number value) {
            if (value instanceof BigDecimal decimal) {
                return decimal;
            }
            if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                return BigDecimal.valueOf(value.longValue());
            }
            if (value instanceof java.math.BigInteger integer) {
                return new BigDecimal(integer);
            }
            // a binary fraction is not the share anyone typed (0.1 is not 1/10): exact decimals only
            throw new IllegalArgumentException("shares are exact decimals: pass a BigDecimal or an integer, not "
                    + value.getClass().getSimpleName() + " " + value);
        }
    }
}

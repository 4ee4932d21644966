package io.attain.targets.domain.decomposition;

import io.attain.allocation.IntegerWeights;
import io.attain.allocation.LargestRemainder;
import io.attain.events.Money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import static io.attain.targets.domain.decomposition.DecompositionException.Reason;

/**
 * Splits one value among named children so that the parts add up to the value exactly, at the unit's
 * minor unit (the cent for CNY, 1 for a count).
 *
 * <p>Rounding is largest remainder ({@link LargestRemainder}): every part is within one minor unit of its
 * exact share, and leftover units go to the largest remainders, ties to the child declared first in the
 * {@link Shares}. Pinned children get exactly their pin; what the pins leave of the parent is shared among
 * the other children by their own shares. Refused: a parent that is zero or negative, negative pins, pins
 * that add up to more than the parent, pins on every child that do not add up to the parent, pins naming
 * no child, amounts with more decimals than the unit, and currencies that differ.
 */
public final class Allocator {

    private Allocator() {
    }

    public static Allocation split(Money parent, Shares shares) {
        return split(parent, shares, Map.of());
    }

    /** Splits {@code parent}; the children named in {@code pins} get exactly those amounts. */
    public static Allocation split(Money parent, Shares shares, Map<String, Money> pins) {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(pins, "pins");
        ValueUnit unit = ValueUnit.money(parent.currency());
        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        pins.forEach((key, pin) -> {
            Objects.requireNonNull(pin, () -> "pin of '" + key + "'");
            unit.requireSameCurrency(pin);
            amounts.put(key, pin.amount());
        });
        return split(parent.amount(), unit, shares, amounts);
    }

    /** Splits a whole count (new customers, visits, deals). */
    public static Allocation splitCount(long count, Shares shares) {
        return splitCount(count, shares, Map.of());
    }

    public static Allocation splitCount(long count, Shares shares, Map<String, Long> pins) {
        Objects.requireNonNull(pins, "pins");
        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        pins.forEach((key, pin) -> amounts.put(key, BigDecimal.valueOf(Objects.requireNonNull(pin, key))));
        return split(BigDecimal.valueOf(count), ValueUnit.count(), shares, amounts);
    }

    /** Splits {@code parent}, measured in {@code unit}; pins are in the same unit. */
    public static Allocation split(BigDecimal parent, ValueUnit unit, Shares shares, Map<String, BigDecimal> pins) {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(shares, "shares");
        Objects.requireNonNull(pins, "pins");
        long total = requirePositiveParent(parent, unit);
        int[] pinPositions = new int[pins.size()];
        long[] pinValues = new long[pins.size()];
        int n = 0;
        for (Map.Entry<String, BigDecimal> pin : pins.entrySet()) {
            int position = shares.indexOf(pin.getKey());
            if (position < 0) {
                throw shares.unknownKey(pin.getKey());
            }
            pinPositions[n] = position;
            pinValues[n] = unit.toMinorUnits(Objects.requireNonNull(pin.getValue(), pin.getKey()));
            n++;
        }
        long[] parts = new long[shares.size()];
        allocate(total, unit, shares, pinPositions, pinValues, parts, 0, new long[shares.size()], () -> "the parent");
        return new Allocation(unit, shares, total, parts, pins.keySet());
    }

    static long requirePositiveParent(BigDecimal parent, ValueUnit unit) {
        if (parent.signum() <= 0) {
            throw new DecompositionException(Reason.NON_POSITIVE_PARENT,
                    "the value to split must be positive but is " + parent.toPlainString() + " " + unit);
        }
        return unit.toMinorUnits(parent);
    }

    /**
     * Splits {@code total} minor units (≥ 0) into {@code out[offset .. offset + shares.size())}, honouring
     * pins given as positions and minor units. {@code where} names the parent in error messages.
     */
    static void allocate(long total, ValueUnit unit, Shares shares, int[] pinPositions, long[] pinValues,
                         long[] out, int offset, long[] scratch, Supplier<String> where) {
        if (pinPositions.length == 0) {
            LargestRemainder.allocate(total, shares.integerWeights(), out, offset, scratch);
            return;
        }
        int k = shares.size();
        boolean[] pinned = new boolean[k];
        for (int i = 0; i < pinPositions.length; i++) {
            String key = shares.keys().get(pinPositions[i]);
            if (pinValues[i] < 0) {
                throw new DecompositionException(Reason.NEGATIVE_PIN,
                        "the pin of '" + key + "' under " + where.get() + " is negative: " + format(pinValues[i], unit));
            }
            if (pinned[pinPositions[i]]) {
                throw new DecompositionException(Reason.DUPLICATE_KEY,
                        "'" + key + "' under " + where.get() + " is pinned twice");
            }
            pinned[pinPositions[i]] = true;
        }
        long pinnedTotal = 0;
        for (int i = 0; i < pinPositions.length; i++) {
            // compared before adding, so that pins near the long range cannot overflow past the check
            if (pinValues[i] > total - pinnedTotal) {
                throw new DecompositionException(Reason.PINS_EXCEED_PARENT, "pins under " + where.get() + " add up to "
                        + formatSum(pinValues, unit) + ", more than the parent's " + format(total, unit));
            }
            pinnedTotal += pinValues[i];
            out[offset + pinPositions[i]] = pinValues[i];
        }
        int[] free = new int[k - pinPositions.length];
        int f = 0;
        for (int i = 0; i < k; i++) {
            if (!pinned[i]) {
                free[f++] = i;
            }
        }
        long rest = total - pinnedTotal;
        if (free.length == 0) {
            if (rest != 0) {
                throw new DecompositionException(Reason.PINS_DO_NOT_MATCH_PARENT,
                        "every child under " + where.get() + " is pinned but the pins add up to "
                                + format(pinnedTotal, unit) + ", not the parent's " + format(total, unit));
            }
            return;
        }
        if (rest == 0) {
            for (int position : free) {
                out[offset + position] = 0;
            }
            return;
        }
        IntegerWeights freeWeights = shares.weightsAmong(free);
        long[] freeParts = new long[free.length];
        LargestRemainder.allocate(rest, freeWeights, freeParts, 0, new long[free.length]);
        for (int i = 0; i < free.length; i++) {
            out[offset + free[i]] = freeParts[i];
        }
    }


    private static String formatSum(long[] minorUnits, ValueUnit unit) {
        BigInteger sum = BigInteger.ZERO;
        for (long value : minorUnits) {
            sum = sum.add(BigInteger.valueOf(value));
        }
        return new BigDecimal(sum, unit.scale()).toPlainString() + " " + unit;
    }

    private static String format(long minorUnits, ValueUnit unit) {
        return unit.toDecimal(minorUnits).toPlainString() + " " + unit;
    }
}

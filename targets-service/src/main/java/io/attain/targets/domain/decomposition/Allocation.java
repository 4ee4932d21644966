package io.attain.targets.domain.decomposition;

import io.attain.events.Money;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The result of one {@link Allocator} split: a part per child key, adding up exactly to the parent. */
public final class Allocation {

    private final ValueUnit unit;
    private final Shares shares;
    private final long total;
    private final long[] parts;
    private final Set<String> pinned;

    Allocation(ValueUnit unit, Shares shares, long total, long[] parts, Collection<String> pinned) {
        this.unit = unit;
        this.shares = shares;
        this.total = total;
        this.parts = parts;
        this.pinned = Set.copyOf(pinned);
    }

    public ValueUnit unit() {
        return unit;
    }

    public Shares shares() {
        return shares;
    }

    /** Child keys in declaration order. */
    public List<String> keys() {
        return shares.keys();
    }

    /** The keys whose part was pinned rather than computed. */
    public Set<String> pinnedKeys() {
        return pinned;
    }

    public BigDecimal total() {
        return unit.toDecimal(total);
    }

    public BigDecimal amount(String key) {
        return unit.toDecimal(minorUnits(key));
    }

    /** The part of {@code key} as money; refused for a count. */
    public Money money(String key) {
        return unit.toMoney(minorUnits(key));
    }

    public long minorUnits(String key) {
        int i = shares.indexOf(key);
        if (i < 0) {
            throw shares.unknownKey(key);
        }
        return parts[i];
    }

    /** Every part, in declaration order. */
    public Map<String, BigDecimal> amounts() {
        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            amounts.put(shares.keys().get(i), unit.toDecimal(parts[i]));
        }
        return amounts;
    }

    /** Every part as money, in declaration order; refused for a count. */
    public Map<String, Money> monies() {
        Map<String, Money> monies = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            monies.put(shares.keys().get(i), unit.toMoney(parts[i]));
        }
        return monies;
    }

    @Override
    public String toString() {
        return amounts() + " " + unit;
    }
}

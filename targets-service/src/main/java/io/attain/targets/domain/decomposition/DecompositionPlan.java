package io.attain.targets.domain.decomposition;

import io.attain.events.Money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.attain.targets.domain.decomposition.DecompositionException.Reason;

/**
 * How a target is decomposed: an ordered list of {@link Level}s (any dimensions, any order, any depth)
 * and optional pins on individual nodes. Immutable and reusable: decompose any number of root values with
 * it.
 *
 * <pre>{@code
 * DecompositionPlan plan = DecompositionPlan.builder()
 *     .level("product line", Dimension.PRODUCT_LINE, Shares.weights(Map.of("A", 70, "B", 30, "services", 20)))
 *     .level("region", Dimension.REGION, Shares.percentages(Map.of("core", 70, "potential", 30)))
 *     .pin(List.of("B", "potential"), Money.of("10000000.00", "CNY"))
 *     .build();
 * Decomposition d = plan.decompose(Money.of("120000000.00", "CNY"));
 * }</pre>
 *
 * <p>A pin fixes one node's value; its siblings share what is left of their parent by their own shares.
 * The node's descendants are split from the pinned value as usual.
 */
public final class DecompositionPlan {

    private final List<Level> levels;
    private final Map<String, Integer> depthByLevelName;
    private final Map<List<String>, Pin> pins;

    /** A pinned value: an amount and, for money, its currency (null for a count). */
    record Pin(BigDecimal amount, String currency) {
    }

    private DecompositionPlan(List<Level> levels, Map<String, Integer> depthByLevelName, Map<List<String>, Pin> pins) {
        this.levels = levels;
        this.depthByLevelName = depthByLevelName;
        this.pins = pins;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Level> levels() {
        return levels;
    }

    /** The tree depth of the nodes a level produces (the root is depth 0, the first level's nodes depth 1). */
    public int depthOf(String levelName) {
        Integer depth = depthByLevelName.get(levelName);
        if (depth == null) {
            throw new DecompositionException(Reason.UNKNOWN_KEY,
                    "no level '" + levelName + "' in " + depthByLevelName.keySet());
        }
        return depth;
    }

    /** Decomposes a positive amount of money. */
    public Decomposition decompose(Money root) {
        Objects.requireNonNull(root, "root");
        return decompose(root.amount(), ValueUnit.money(root.currency()));
    }

    /** Decomposes a positive whole count. */
    public Decomposition decompose(long count) {
        return decompose(BigDecimal.valueOf(count), ValueUnit.count());
    }

    /** Decomposes a positive value measured in {@code unit}. */
    public Decomposition decompose(BigDecimal root, ValueUnit unit) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(unit, "unit");
        long rootMinorUnits = Allocator.requirePositiveParent(root, unit);
        Map<List<String>, Long> pinnedMinorUnits = new HashMap<>();
        pins.forEach((path, pin) -> {
            boolean sameUnit = unit.isMoney() ? unit.currency().orElseThrow().equals(pin.currency()) : pin.currency() == null;
            if (!sameUnit) {
                throw new DecompositionException(Reason.UNIT_MISMATCH, "the pin on " + path + " is in "
                        + (pin.currency() == null ? "count" : pin.currency()) + " but the target is in " + unit);
            }
            pinnedMinorUnits.put(path, unit.toMinorUnits(pin.amount()));
        });
        return Decomposition.build(this, unit, rootMinorUnits, pinnedMinorUnits);
    }

    @Override
    public String toString() {
        return "DecompositionPlan" + levels + (pins.isEmpty() ? "" : " pins " + pins.keySet());
    }

    /** Collects levels and pins; {@link #build()} checks that they fit together. */
    public static final class Builder {

        private final List<Level> levels = new ArrayList<>();
        private final Map<List<String>, Pin> pins = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder level(Level level) {
            levels.add(Objects.requireNonNull(level, "level"));
            return this;
        }

        public Builder level(String name, Dimension dimension, Shares shares) {
            return level(Level.of(name, dimension, shares));
        }

        public Builder level(String name, Dimension dimension, String keyedBy, Map<String, Shares> sharesByAncestorKey) {
            return level(Level.keyedBy(name, dimension, keyedBy, sharesByAncestorKey));
        }

        /** Fixes the node at {@code path} (one key per level from the top) to {@code amount}. */
        public Builder pin(List<String> path, Money amount) {
            Objects.requireNonNull(amount, "amount");
            return pin(path, new Pin(amount.amount(), amount.currency()));
        }

        /** Fixes the node at {@code path} to a whole count. */
        public Builder pin(List<String> path, long count) {
            return pin(path, new Pin(BigDecimal.valueOf(count), null));
        }

        private Builder pin(List<String> path, Pin pin) {
            Objects.requireNonNull(path, "path");
            if (path.isEmpty()) {
                throw new DecompositionException(Reason.INVALID_LEVEL,
                        "the root is the target itself and cannot be pinned; pin a node below it");
            }
            List<String> copy = List.copyOf(path);
            if (pins.put(copy, pin) != null) {
                throw new DecompositionException(Reason.DUPLICATE_KEY, copy + " is pinned twice");
            }
            return this;
        }

        public DecompositionPlan build() {
            if (levels.isEmpty()) {
                throw new DecompositionException(Reason.NO_CHILDREN, "a decomposition plan needs at least one level");
            }
            Map<String, Integer> depthByName = new LinkedHashMap<>();
            for (int i = 0; i < levels.size(); i++) {
                Level level = levels.get(i);
                if (depthByName.containsKey(level.name())) {
                    throw new DecompositionException(Reason.DUPLICATE_KEY, "two levels are named '" + level.name() + "'");
                }
                level.keyedBy().ifPresent(ancestor -> requireAncestor(level, ancestor, depthByName));
                depthByName.put(level.name(), i + 1);
            }
            for (List<String> path : pins.keySet()) {
                if (path.size() > levels.size()) {
                    throw new DecompositionException(Reason.UNKNOWN_KEY,
                            "the pinned path " + path + " is deeper than the plan's " + levels.size() + " levels");
                }
            }
            return new DecompositionPlan(List.copyOf(levels), Map.copyOf(depthByName), Map.copyOf(pins));
        }

        private void requireAncestor(Level level, String ancestor, Map<String, Integer> earlier) {
            Integer ancestorDepth = earlier.get(ancestor);
            if (ancestorDepth == null) {
                throw new DecompositionException(Reason.INVALID_LEVEL, "level '" + level.name()
                        + "' is keyed by '" + ancestor + "', which is not an earlier level of the plan");
            }
            Set<String> produced = levels.get(ancestorDepth - 1).possibleKeys();
            for (String key : produced) {
                if (level.optionFor(key) < 0) {
                    throw new DecompositionException(Reason.INVALID_LEVEL, "level '" + level.name()
                            + "' has no shares for " + ancestor + " '" + key + "'");
                }
            }
            for (String key : level.ancestorKeys()) {
                if (!produced.contains(key)) {
                    throw new DecompositionException(Reason.INVALID_LEVEL, "level '" + level.name() + "' has shares for "
                            + ancestor + " '" + key + "', which level '" + ancestor + "' never produces");
                }
            }
        }
    }
}

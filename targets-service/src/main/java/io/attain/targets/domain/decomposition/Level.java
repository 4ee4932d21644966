package io.attain.targets.domain.decomposition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static io.attain.targets.domain.decomposition.DecompositionException.Reason;

/**
 * One level of a {@link DecompositionPlan}: every node of the level above is split along a dimension.
 *
 * <p>Either every parent is split the same way ({@link #of}: three product lines everywhere), or the split
 * depends on which key an earlier level gave the node ({@link #keyedBy}: the months of each quarter, the
 * reps of each team, with their own weights).
 */
public final class Level {

    private final String name;
    private final Dimension dimension;
    private final String keyedBy;
    private final List<Shares> options;
    private final Map<String, Integer> optionByAncestorKey;

    private Level(String name, Dimension dimension, String keyedBy, List<Shares> options,
                  Map<String, Integer> optionByAncestorKey) {
        this.name = name;
        this.dimension = dimension;
        this.keyedBy = keyedBy;
        this.options = options;
        this.optionByAncestorKey = optionByAncestorKey;
    }

    /** A level where every parent is split by the same {@code shares}. */
    public static Level of(String name, Dimension dimension, Shares shares) {
        requireName(name);
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(shares, "shares");
        return new Level(name, dimension, null, List.of(shares), Map.of());
    }

    /**
     * A level whose split depends on the key that the earlier level {@code ancestorLevel} gave the node:
     * e.g. level {@code "month"} keyed by {@code "quarter"} with {@code Q1 → {Jan, Feb, Mar}}, … The map
     * must cover every key the ancestor level can produce, and nothing else (checked by the plan).
     */
    public static Level keyedBy(String name, Dimension dimension, String ancestorLevel,
                                Map<String, Shares> sharesByAncestorKey) {
        requireName(name);
        Objects.requireNonNull(dimension, "dimension");
        requireName(ancestorLevel);
        Objects.requireNonNull(sharesByAncestorKey, "sharesByAncestorKey");
        if (sharesByAncestorKey.isEmpty()) {
            throw new DecompositionException(Reason.NO_CHILDREN, "level '" + name + "' has no shares");
        }
        List<Shares> options = new ArrayList<>();
        Map<String, Integer> byKey = new HashMap<>();
        Map<Shares, Integer> seen = new java.util.IdentityHashMap<>();
        sharesByAncestorKey.forEach((key, shares) -> {
            Objects.requireNonNull(key, "ancestor key");
            Objects.requireNonNull(shares, () -> "shares for '" + key + "'");
            Integer option = seen.computeIfAbsent(shares, s -> {
                options.add(s);
                return options.size() - 1;
            });
            byKey.put(key, option);
        });
        return new Level(name, dimension, ancestorLevel, List.copyOf(options), Collections.unmodifiableMap(byKey));
    }

    public String name() {
        return name;
    }

    public Dimension dimension() {
        return dimension;
    }

    /** The earlier level whose key selects this level's shares, when the split is not the same everywhere. */
    public Optional<String> keyedBy() {
        return Optional.ofNullable(keyedBy);
    }

    /** The shares used for a node whose ancestor at {@link #keyedBy()} has {@code ancestorKey}. */
    public Shares sharesFor(String ancestorKey) {
        if (keyedBy == null) {
            return options.get(0);
        }
        Integer option = optionByAncestorKey.get(ancestorKey);
        if (option == null) {
            throw new DecompositionException(Reason.UNKNOWN_KEY,
                    "level '" + name + "' has no shares for " + keyedBy + " '" + ancestorKey + "'");
        }
        return options.get(option);
    }

    /** The shares of a level that splits every parent the same way. */
    public Optional<Shares> uniformShares() {
        return keyedBy == null ? Optional.of(options.get(0)) : Optional.empty();
    }

    /** Every key this level can give a node, in declaration order. */
    Set<String> possibleKeys() {
        Set<String> keys = new LinkedHashSet<>();
        for (Shares shares : options) {
            keys.addAll(shares.keys());
        }
        return keys;
    }

    List<Shares> options() {
        return options;
    }

    /** Index into {@link #options()} for an ancestor key; -1 when there is none. */
    int optionFor(String ancestorKey) {
        Integer option = optionByAncestorKey.get(ancestorKey);
        return option == null ? -1 : option;
    }

    Set<String> ancestorKeys() {
        return optionByAncestorKey.keySet();
    }

    int widestSplit() {
        int widest = 0;
        for (Shares shares : options) {
            widest = Math.max(widest, shares.size());
        }
        return widest;
    }

    private static void requireName(String name) {
        Objects.requireNonNull(name, "level name");
        if (name.isBlank()) {
            throw new DecompositionException(Reason.INVALID_LEVEL, "a level needs a name");
        }
    }

    @Override
    public String toString() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("dimension", dimension);
        if (keyedBy != null) {
            description.put("keyedBy", keyedBy);
        }
        return name + description;
    }
}

package io.attain.targets.domain.decomposition;

import io.attain.allocation.LargestRemainder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

import static io.attain.targets.domain.decomposition.DecompositionException.Reason;

/**
 * A decomposed target: a tree whose every level adds up exactly to its parent.
 *
 * <p>Stored flat, one set of arrays per depth, so that a plan with 1.44 million leaves costs a few tens of
 * megabytes: the value of each node in minor units ({@code long}), the position of its parent, and for
 * each parent the position of its first child (children of one parent are contiguous, and so are the
 * leaves under any node). Keys are not stored per node; they are looked up in the {@link Shares} that split
 * the parent. Read it through {@link DecompositionNode} views, which are created on demand.
 *
 * <p>Immutable once built, so it can be read from several threads.
 */
public final class Decomposition {

    private final DecompositionPlan plan;
    private final ValueUnit unit;
    private final List<Level> levels;
    /** values[d][i]: minor units of node i at depth d. */
    private final long[][] values;
    /** parents[d][i]: position of the parent (at depth d - 1) of node i at depth d; null for d = 0. */
    private final int[][] parents;
    /** firstChild[d][i]: position at depth d + 1 of node i's first child; length = nodes at d + 1. */
    private final int[][] firstChild;
    /** option[d][i]: which of levels[d]'s shares split node i at depth d; null when the level is uniform. */
    private final int[][] option;

    private Decomposition(DecompositionPlan plan, ValueUnit unit, int depth) {
        this.plan = plan;
        this.unit = unit;
        this.levels = plan.levels();
        this.values = new long[depth + 1][];
        this.parents = new int[depth + 1][];
        this.firstChild = new int[depth][];
        this.option = new int[depth][];
    }

    static Decomposition build(DecompositionPlan plan, ValueUnit unit, long root, Map<List<String>, Long> pins) {
        int depth = plan.levels().size();
        Decomposition tree = new Decomposition(plan, unit, depth);
        tree.values[0] = new long[] {root};
        Map<Integer, List<Map.Entry<List<String>, Long>>> pinsByDepth = new HashMap<>();
        for (Map.Entry<List<String>, Long> pin : pins.entrySet()) {
            pinsByDepth.computeIfAbsent(pin.getKey().size(), d -> new ArrayList<>()).add(pin);
        }
        for (int d = 0; d < depth; d++) {
            tree.splitDepth(d, pinsByDepth.getOrDefault(d + 1, List.of()));
        }
        return tree;
    }

    /** Creates the nodes of depth d + 1 by splitting every node of depth d. */
    private void splitDepth(int d, List<Map.Entry<List<String>, Long>> pinsBelow) {
        Level level = levels.get(d);
        List<Shares> options = level.options();
        long[] parentValues = values[d];
        int parentCount = parentValues.length;
        int[] chosen = level.keyedBy().isPresent() ? chooseOptions(d, level) : null;
        option[d] = chosen;

        int[] first = new int[parentCount + 1];
        long childCount = 0;
        for (int p = 0; p < parentCount; p++) {
            first[p] = (int) childCount;
            childCount += options.get(chosen == null ? 0 : chosen[p]).size();
            if (childCount > Integer.MAX_VALUE - 8) {
                throw new DecompositionException(Reason.VALUE_TOO_LARGE,
                        "level '" + level.name() + "' would have more than " + (Integer.MAX_VALUE - 8) + " nodes");
            }
        }
        first[parentCount] = (int) childCount;
        firstChild[d] = first;

        Map<Integer, PinSet> pinsByParent = resolvePins(d, pinsBelow);
        long[] childValues = new long[(int) childCount];
        int[] childParents = new int[(int) childCount];
        long[] scratch = new long[level.widestSplit()];
        for (int p = 0; p < parentCount; p++) {
            Shares shares = options.get(chosen == null ? 0 : chosen[p]);
            int offset = first[p];
            Arrays.fill(childParents, offset, offset + shares.size(), p);
            PinSet pinSet = pinsByParent.isEmpty() ? null : pinsByParent.get(p);
            if (pinSet == null) {
                LargestRemainder.allocate(parentValues[p], shares.integerWeights(), childValues, offset, scratch);
            } else {
                int parent = p;
                Allocator.allocate(parentValues[p], unit, shares, pinSet.positions(), pinSet.values(),
                        childValues, offset, scratch, () -> path(d, parent).toString());
            }
        }
        values[d + 1] = childValues;
        parents[d + 1] = childParents;
    }

    /** For each node at depth d: the option of levels[d] selected by its ancestor's key at the keyed-by level. */
    private int[] chooseOptions(int d, Level level) {
        int ancestorDepth = plan.depthOf(level.keyedBy().orElseThrow());
        int[] optionAtAncestor = new int[values[ancestorDepth].length];
        for (int a = 0; a < optionAtAncestor.length; a++) {
            optionAtAncestor[a] = level.optionFor(key(ancestorDepth, a));
        }
        int[] chosen = new int[values[d].length];
        for (int p = 0; p < chosen.length; p++) {
            int node = p;
            for (int up = d; up > ancestorDepth; up--) {
                node = parents[up][node];
            }
            chosen[p] = optionAtAncestor[node];
        }
        return chosen;
    }

    private record PinSet(int[] positions, long[] values) {
    }

    private Map<Integer, PinSet> resolvePins(int d, List<Map.Entry<List<String>, Long>> pinsBelow) {
        if (pinsBelow.isEmpty()) {
            return Map.of();
        }
        Map<Integer, List<long[]>> byParent = new HashMap<>();
        for (Map.Entry<List<String>, Long> pin : pinsBelow) {
            List<String> path = pin.getKey();
            int parent = locate(path.subList(0, d))
                    .orElseThrow(() -> unknownPath(path));
            Shares shares = sharesOf(d, parent);
            int position = shares.indexOf(path.get(d));
            if (position < 0) {
                throw unknownPath(path);
            }
            byParent.computeIfAbsent(parent, p -> new ArrayList<>()).add(new long[] {position, pin.getValue()});
        }
        Map<Integer, PinSet> resolved = new HashMap<>();
        byParent.forEach((parent, list) -> {
            int[] positions = new int[list.size()];
            long[] pinned = new long[list.size()];
            for (int i = 0; i < list.size(); i++) {
                positions[i] = (int) list.get(i)[0];
                pinned[i] = list.get(i)[1];
            }
            resolved.put(parent, new PinSet(positions, pinned));
        });
        return resolved;
    }

    private static DecompositionException unknownPath(List<String> path) {
        return new DecompositionException(Reason.UNKNOWN_KEY, "no node at " + path);
    }

    // ---- reading -------------------------------------------------------------------------------

    public ValueUnit unit() {
        return unit;
    }

    public DecompositionPlan plan() {
        return plan;
    }

    /** Number of levels below the root. */
    public int depth() {
        return levels.size();
    }

    public DecompositionNode root() {
        return new DecompositionNode(this, 0, 0);
    }

    /** Number of nodes at {@code depth} (1 at depth 0). */
    public int nodeCount(int depth) {
        return values[depth].length;
    }

    public int leafCount() {
        return values[depth()].length;
    }

    /** The node at {@code path} (one key per level from the top), if there is one. */
    public Optional<DecompositionNode> find(List<String> path) {
        Objects.requireNonNull(path, "path");
        if (path.size() > depth()) {
            return Optional.empty();
        }
        OptionalInt index = locate(path);
        return index.isPresent() ? Optional.of(new DecompositionNode(this, path.size(), index.getAsInt())) : Optional.empty();
    }

    /** The node at {@code path}; refused when there is none. */
    public DecompositionNode node(List<String> path) {
        return find(path).orElseThrow(() -> unknownPath(path));
    }

    public DecompositionNode node(String... path) {
        return node(List.of(path));
    }

    /** The nodes of one level, in tree order. */
    public List<DecompositionNode> nodesAt(String levelName) {
        int d = plan.depthOf(levelName);
        List<DecompositionNode> nodes = new ArrayList<>(values[d].length);
        for (int i = 0; i < values[d].length; i++) {
            nodes.add(new DecompositionNode(this, d, i));
        }
        return nodes;
    }

    /** Visits every leaf in tree order. */
    public void forEachLeaf(Consumer<DecompositionNode> visitor) {
        root().forEachLeaf(visitor);
    }

    /**
     * The total of the nodes matching {@code keysByLevel} (level name → key), e.g. {@code region=core} across
     * every product line, or {@code {month=Jan, rep=u42}}. An empty filter gives the root's value.
     */
    public BigDecimal sumWhere(Map<String, String> keysByLevel) {
        Objects.requireNonNull(keysByLevel, "keysByLevel");
        int deepest = 0;
        int[] depths = new int[keysByLevel.size()];
        String[] keys = new String[keysByLevel.size()];
        int n = 0;
        for (Map.Entry<String, String> filter : keysByLevel.entrySet()) {
            depths[n] = plan.depthOf(filter.getKey());
            keys[n] = Objects.requireNonNull(filter.getValue(), filter.getKey());
            deepest = Math.max(deepest, depths[n]);
            n++;
        }
        long sum = 0;
        for (int i = 0; i < values[deepest].length; i++) {
            if (matches(deepest, i, depths, keys)) {
                sum = Math.addExact(sum, values[deepest][i]);
            }
        }
        return unit.toDecimal(sum);
    }

    /**
     * Totals grouped by the keys of the named levels, in tree order of first appearance: e.g.
     * {@code rollUp("rep", "month")} gives each rep's monthly target whatever the other levels and their
     * order. Keys of each group are listed in the order the levels are named.
     */
    public Map<List<String>, BigDecimal> rollUp(String... levelNames) {
        int[] depths = new int[levelNames.length];
        int deepest = 0;
        for (int i = 0; i < levelNames.length; i++) {
            depths[i] = plan.depthOf(levelNames[i]);
            deepest = Math.max(deepest, depths[i]);
        }
        Map<List<String>, long[]> totals = new LinkedHashMap<>();
        String[] group = new String[levelNames.length];
        for (int i = 0; i < values[deepest].length; i++) {
            for (int g = 0; g < depths.length; g++) {
                group[g] = key(depths[g], ancestor(deepest, i, depths[g]));
            }
            long[] total = totals.computeIfAbsent(List.of(group), k -> new long[1]);
            total[0] = Math.addExact(total[0], values[deepest][i]);
        }
        Map<List<String>, BigDecimal> result = new LinkedHashMap<>();
        totals.forEach((keys, total) -> result.put(keys, unit.toDecimal(total[0])));
        return result;
    }

    private boolean matches(int depth, int index, int[] depths, String[] keys) {
        for (int f = 0; f < depths.length; f++) {
            if (!keys[f].equals(key(depths[f], ancestor(depth, index, depths[f])))) {
                return false;
            }
        }
        return true;
    }

    // ---- package-private access for DecompositionNode ------------------------------------------

    long minorUnits(int depth, int index) {
        return values[depth][index];
    }

    /** The key of node {@code index} at {@code depth} ({@code ""} for the root). */
    String key(int depth, int index) {
        if (depth == 0) {
            return "";
        }
        int parent = parents[depth][index];
        return sharesOf(depth - 1, parent).keys().get(index - firstChild[depth - 1][parent]);
    }

    /** The shares that split node {@code index} at {@code depth} into its children. */
    Shares sharesOf(int depth, int index) {
        return levels.get(depth).options().get(option[depth] == null ? 0 : option[depth][index]);
    }

    int indexOf(DecompositionNode node) {
        if (node.tree() != this) {
            throw new IllegalArgumentException(node + " belongs to another decomposition");
        }
        return node.index();
    }

    int parent(int depth, int index) {
        return parents[depth][index];
    }

    int firstChild(int depth, int index) {
        return firstChild[depth][index];
    }

    int childEnd(int depth, int index) {
        return firstChild[depth][index + 1];
    }

    /** The ancestor at {@code ancestorDepth} of node {@code index} at {@code depth} (itself when equal). */
    int ancestor(int depth, int index, int ancestorDepth) {
        int node = index;
        for (int d = depth; d > ancestorDepth; d--) {
            node = parents[d][node];
        }
        return node;
    }

    /** [first, end) positions of the leaves under node {@code index} at {@code depth}. */
    int[] leafRange(int depth, int index) {
        int first = index;
        int end = index + 1;
        for (int d = depth; d < depth(); d++) {
            first = firstChild[d][first];
            end = firstChild[d][end];
        }
        return new int[] {first, end};
    }

    List<String> path(int depth, int index) {
        String[] path = new String[depth];
        int node = index;
        for (int d = depth; d > 0; d--) {
            path[d - 1] = key(d, node);
            node = parents[d][node];
        }
        return List.of(path);
    }

    Level levelOf(int depth) {
        return levels.get(depth - 1);
    }

    private OptionalInt locate(List<String> path) {
        int node = 0;
        for (int d = 0; d < path.size(); d++) {
            int position = sharesOf(d, node).indexOf(path.get(d));
            if (position < 0) {
                return OptionalInt.empty();
            }
            node = firstChild[d][node] + position;
        }
        return OptionalInt.of(node);
    }

    @Override
    public String toString() {
        return "Decomposition of " + unit.toDecimal(values[0][0]).toPlainString() + " " + unit + " into "
                + leafCount() + " leaves over " + levels;
    }
}

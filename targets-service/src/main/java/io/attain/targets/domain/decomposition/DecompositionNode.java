package io.attain.targets.domain.decomposition;

import io.attain.events.Money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A view of one node of a {@link Decomposition}: cheap to create, holds no data of its own. Two views of
 * the same node of the same decomposition are equal.
 */
public final class DecompositionNode {

    private final Decomposition tree;
    private final int depth;
    private final int index;

    DecompositionNode(Decomposition tree, int depth, int index) {
        this.tree = tree;
        this.depth = depth;
        this.index = index;
    }

    Decomposition tree() {
        return tree;
    }

    /** Position among the nodes of the same depth. */
    int index() {
        return index;
    }

    /** 0 for the root, 1 for the first level's nodes, … */
    public int depth() {
        return depth;
    }

    public boolean isRoot() {
        return depth == 0;
    }

    public boolean isLeaf() {
        return depth == tree.depth();
    }

    /** The level that produced this node; empty for the root. */
    public Optional<Level> level() {
        return depth == 0 ? Optional.empty() : Optional.of(tree.levelOf(depth));
    }

    /** This node's key within its parent ({@code "Q1"}, a rep id, {@code "core"}); {@code ""} for the root. */
    public String key() {
        return tree.key(depth, index);
    }

    /** Keys from the top down to this node; empty for the root. */
    public List<String> path() {
        return tree.path(depth, index);
    }

    public BigDecimal value() {
        return tree.unit().toDecimal(tree.minorUnits(depth, index));
    }

    /** The value as money; refused for a count. */
    public Money money() {
        return tree.unit().toMoney(tree.minorUnits(depth, index));
    }

    public long minorUnits() {
        return tree.minorUnits(depth, index);
    }

    public Optional<DecompositionNode> parent() {
        return depth == 0 ? Optional.empty() : Optional.of(new DecompositionNode(tree, depth - 1, tree.parent(depth, index)));
    }

    /** Children in declaration order of the shares that split this node; empty for a leaf. */
    public List<DecompositionNode> children() {
        if (isLeaf()) {
            return List.of();
        }
        int first = tree.firstChild(depth, index);
        int end = tree.childEnd(depth, index);
        List<DecompositionNode> children = new ArrayList<>(end - first);
        for (int i = first; i < end; i++) {
            children.add(new DecompositionNode(tree, depth + 1, i));
        }
        return children;
    }

    /** The child with {@code key}; refused when there is none. */
    public DecompositionNode child(String key) {
        if (isLeaf()) {
            throw new DecompositionException(DecompositionException.Reason.UNKNOWN_KEY, path() + " is a leaf");
        }
        Shares shares = tree.sharesOf(depth, index);
        int position = shares.indexOf(key);
        if (position < 0) {
            throw shares.unknownKey(key);
        }
        return new DecompositionNode(tree, depth + 1, tree.firstChild(depth, index) + position);
    }

    /** The shares this node is split by; empty for a leaf. */
    public Optional<Shares> shares() {
        return isLeaf() ? Optional.empty() : Optional.of(tree.sharesOf(depth, index));
    }

    public int leafCount() {
        int[] range = tree.leafRange(depth, index);
        return range[1] - range[0];
    }

    /**
     * The sum of the leaves under this node, added up from the leaves themselves (not read from the node):
     * equal to {@link #value()} in every decomposition, which is what the engine guarantees.
     */
    public BigDecimal subtreeSum() {
        int[] range = tree.leafRange(depth, index);
        int leafDepth = tree.depth();
        long sum = 0;
        for (int i = range[0]; i < range[1]; i++) {
            sum = Math.addExact(sum, tree.minorUnits(leafDepth, i));
        }
        return tree.unit().toDecimal(sum);
    }

    /** Visits the leaves under this node (itself when it is a leaf) in tree order. */
    public void forEachLeaf(Consumer<DecompositionNode> visitor) {
        int[] range = tree.leafRange(depth, index);
        int leafDepth = tree.depth();
        for (int i = range[0]; i < range[1]; i++) {
            visitor.accept(new DecompositionNode(tree, leafDepth, i));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecompositionNode other && other.tree == tree && other.depth == depth && other.index == index;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * System.identityHashCode(tree) + depth) + index;
    }

    @Override
    public String toString() {
        return path() + " = " + value().toPlainString() + " " + tree.unit();
    }
}

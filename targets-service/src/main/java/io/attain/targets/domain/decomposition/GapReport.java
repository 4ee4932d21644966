package io.attain.targets.domain.decomposition;

import io.attain.events.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.attain.targets.domain.decomposition.DecompositionException.Reason;

/**
 * Compares a top-down proposal ({@link Decomposition}) with bottom-up commitments given at one of its levels
 * (typically each rep's own commitment), rolled up to every node above, and shows the gap per node.
 */
public final class GapReport {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final List<NodeGap> nodes;
    private final Map<List<String>, NodeGap> byPath;
    private final List<List<String>> uncommitted;

    private GapReport(List<NodeGap> nodes, List<List<String>> uncommitted) {
        this.nodes = Collections.unmodifiableList(nodes);
        Map<List<String>, NodeGap> index = new HashMap<>();
        for (NodeGap gap : nodes) {
            index.put(gap.path(), gap);
        }
        this.byPath = index;
        this.uncommitted = Collections.unmodifiableList(uncommitted);
    }

    /** Commitments in money; each must be in the proposal's currency. */
    public static GapReport compareMoney(Decomposition proposal, String commitmentLevel, Map<List<String>, Money> commitments) {
        Objects.requireNonNull(commitments, "commitments");
        Map<List<String>, BigDecimal> amounts = new HashMap<>();
        commitments.forEach((path, money) -> {
            Objects.requireNonNull(money, () -> "commitment of " + path);
            if (!proposal.unit().isMoney()) {
                throw new DecompositionException(Reason.UNIT_MISMATCH, "the proposal is a count, the commitment of "
                        + path + " is money");
            }
            proposal.unit().requireSameCurrency(money);
            amounts.put(path, money.amount());
        });
        return compare(proposal, commitmentLevel, amounts);
    }

    /**
     * Commitments in the proposal's unit, keyed by the path of a node at {@code commitmentLevel}. Nodes of
     * that level without a commitment count as zero and are listed in {@link #uncommitted()}.
     */
    public static GapReport compare(Decomposition proposal, String commitmentLevel, Map<List<String>, BigDecimal> commitments) {
        Objects.requireNonNull(proposal, "proposal");
        Objects.requireNonNull(commitments, "commitments");
        int level = proposal.plan().depthOf(commitmentLevel);
        ValueUnit unit = proposal.unit();
        long[][] committed = new long[level + 1][];
        for (int d = 0; d <= level; d++) {
            committed[d] = new long[proposal.nodeCount(d)];
        }
        boolean[] given = new boolean[proposal.nodeCount(level)];
        commitments.forEach((path, amount) -> {
            if (path.size() != level) {
                throw new DecompositionException(Reason.UNKNOWN_KEY, "commitment " + path + " is not a path to a '"
                        + commitmentLevel + "' node (" + level + " keys expected)");
            }
            Objects.requireNonNull(amount, () -> "commitment of " + path);
            if (amount.signum() < 0) {
                throw new DecompositionException(Reason.NEGATIVE_COMMITMENT,
                        "the commitment of " + path + " is negative: " + amount.toPlainString());
            }
            DecompositionNode node = proposal.node(path);
            int index = proposal.indexOf(node);
            committed[level][index] = unit.toMinorUnits(amount);
            given[index] = true;
        });
        int[][] missing = new int[level + 1][];
        for (int d = 0; d <= level; d++) {
            missing[d] = new int[proposal.nodeCount(d)];
        }
        for (int i = 0; i < given.length; i++) {
            missing[level][i] = given[i] ? 0 : 1;
        }
        for (int d = level; d > 0; d--) {
            for (int i = 0; i < committed[d].length; i++) {
                int parent = proposal.parent(d, i);
                committed[d - 1][parent] = Math.addExact(committed[d - 1][parent], committed[d][i]);
                missing[d - 1][parent] += missing[d][i];
            }
        }
        List<NodeGap> rows = new ArrayList<>();
        List<List<String>> uncommitted = new ArrayList<>();
        collect(proposal, proposal.root(), level, committed, missing, given, rows, uncommitted);
        return new GapReport(rows, uncommitted);
    }

    private static void collect(Decomposition proposal, DecompositionNode node, int level, long[][] committed, int[][] missing,
                                boolean[] given, List<NodeGap> rows, List<List<String>> uncommitted) {
        int index = proposal.indexOf(node);
        int depth = node.depth();
        rows.add(gapOf(proposal.unit(), node, committed[depth][index], missing[depth][index]));
        if (depth == level) {
            if (!given[index]) {
                uncommitted.add(node.path());
            }
            return;
        }
        for (DecompositionNode child : node.children()) {
            collect(proposal, child, level, committed, missing, given, rows, uncommitted);
        }
    }

    private static NodeGap gapOf(ValueUnit unit, DecompositionNode node, long committed, int missing) {
        long proposed = node.minorUnits();
        long gap = Math.subtractExact(proposed, committed);
        BigDecimal gapDecimal = unit.toDecimal(gap);
        BigDecimal proposedDecimal = unit.toDecimal(proposed);
        // the one rounding point of the report: a percentage for people, two decimals
        Optional<BigDecimal> percent = proposed == 0 ? Optional.empty()
                : Optional.of(gapDecimal.multiply(HUNDRED).divide(proposedDecimal, 2, RoundingMode.HALF_UP));
        String level = node.level().map(Level::name).orElse("");
        return new NodeGap(node.path(), level, proposedDecimal, unit.toDecimal(committed), gapDecimal, percent, missing);
    }

    /** The root's row: the whole proposal against all commitments. */
    public NodeGap total() {
        return nodes.get(0);
    }

    /** One row per node from the root down to the commitment level, depth first in tree order. */
    public List<NodeGap> nodes() {
        return nodes;
    }

    public Optional<NodeGap> at(List<String> path) {
        return Optional.ofNullable(byPath.get(List.copyOf(path)));
    }

    /** Paths of commitment-level nodes nobody committed to (counted as zero). */
    public List<List<String>> uncommitted() {
        return uncommitted;
    }
}

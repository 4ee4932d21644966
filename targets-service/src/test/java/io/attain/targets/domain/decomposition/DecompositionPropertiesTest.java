package io.attain.targets.domain.decomposition;

import io.attain.allocation.IntegerWeights;
import io.attain.events.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

import static io.attain.targets.domain.decomposition.AllocatorPropertiesTest.withinOneUnit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of whole decompositions over seeded random plans: random dimensions, depths (1 to 5), widths,
 * share kinds, levels keyed by earlier levels, roots and pins.
 */
class DecompositionPropertiesTest {

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    static LongStream seeds() {
        return RandomInputs.seeds(150);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyLevelAddsUpExactlyToItsParentAndEveryChildIsWithinOneUnitOfItsShare(long seed) {
        RandomInputs random = new RandomInputs(seed);
        DecompositionPlan plan = randomPlan(random).build();
        long root = random.parentMinorUnits();

        Decomposition tree = plan.decompose(BigDecimal.valueOf(root, 2), ValueUnit.money("CNY"));

        assertThat(tree.root().minorUnits()).isEqualTo(root);
        assertEveryNode(tree.root(), seed, Set.of());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void sameInputGivesTheSameTree(long seed) {
        RandomInputs first = new RandomInputs(seed);
        RandomInputs second = new RandomInputs(seed);

        Decomposition a = randomPlan(first).build().decompose(BigDecimal.valueOf(first.parentMinorUnits(), 2), ValueUnit.money("CNY"));
        Decomposition b = randomPlan(second).build().decompose(BigDecimal.valueOf(second.parentMinorUnits(), 2), ValueUnit.money("CNY"));

        assertThat(leaves(a)).as("seed %d", seed).isEqualTo(leaves(b));
        assertThat(leaves(a)).as("seed %d: replay of the same plan", seed).isEqualTo(leaves(a.plan().decompose(a.root().value(), a.unit())));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void pinnedNodesKeepTheirValueAndTheTreeStillAddsUp(long seed) {
        RandomInputs random = new RandomInputs(seed);
        DecompositionPlan.Builder builder = randomPlan(random);
        long root = random.parentMinorUnits();
        Decomposition unpinned = builder.build().decompose(BigDecimal.valueOf(root, 2), ValueUnit.money("CNY"));
        // pins on one random level: at most half of what is left of each parent, never every sibling
        String level = unpinned.plan().levels().get(random.between(0, unpinned.depth() - 1)).name();
        Map<List<String>, Long> pins = new HashMap<>();
        Map<List<String>, Long> leftByParent = new HashMap<>();
        Map<List<String>, Integer> pinnedChildren = new HashMap<>();
        for (DecompositionNode node : unpinned.nodesAt(level)) {
            DecompositionNode parent = node.parent().orElseThrow();
            List<String> parentPath = parent.path();
            long left = leftByParent.getOrDefault(parentPath, parent.minorUnits());
            int siblingsPinned = pinnedChildren.getOrDefault(parentPath, 0);
            if (random.chance(0.3) && siblingsPinned < parent.shares().orElseThrow().size() - 1) {
                long pin = random.nextLong(left / 2 + 1);
                pins.put(node.path(), pin);
                leftByParent.put(parentPath, left - pin);
                pinnedChildren.put(parentPath, siblingsPinned + 1);
            }
        }
        pins.forEach((path, pin) -> builder.pin(path, Money.of(BigDecimal.valueOf(pin, 2), "CNY")));

        Decomposition pinned = builder.build().decompose(BigDecimal.valueOf(root, 2), ValueUnit.money("CNY"));

        pins.forEach((path, pin) -> assertThat(pinned.node(path).minorUnits()).as("seed %d: pin %s", seed, path).isEqualTo(pin));
        assertEveryNode(pinned.root(), seed, pins.keySet());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void seasonalityIsHonouredToOneMinorUnit(long seed) {
        RandomInputs random = new RandomInputs(seed);
        Map<String, BigDecimal> seasonality = random.percentages(List.of(MONTHS));
        long annual = random.parentMinorUnits();

        Decomposition year = DecompositionPlan.builder()
                .level("month", Dimension.TIME, Shares.percentages(seasonality))
                .build()
                .decompose(BigDecimal.valueOf(annual, 2), ValueUnit.money("CNY"));

        for (String month : MONTHS) {
            // |month − weight × annual| < one cent, decided exactly in hundredths of a percent
            BigInteger hundredthsOfPercent = seasonality.get(month).movePointRight(2).toBigIntegerExact();
            assertThat(withinOneUnit(year.node(month).minorUnits(), annual, hundredthsOfPercent, BigInteger.valueOf(10_000)))
                    .as("seed %d: %s = %s of %s at %s%%", seed, month, year.node(month).value(),
                            BigDecimal.valueOf(annual, 2), seasonality.get(month))
                    .isTrue();
        }
    }

    /** A random plan: 1 to 5 levels, widths 1 to 7, some levels keyed by a random earlier level. */
    private static DecompositionPlan.Builder randomPlan(RandomInputs random) {
        DecompositionPlan.Builder plan = DecompositionPlan.builder();
        List<Level> levels = new ArrayList<>();
        int depth = random.between(1, 5);
        Dimension[] dimensions = Dimension.values();
        for (int d = 0; d < depth; d++) {
            String name = "L" + d;
            Dimension dimension = dimensions[random.between(0, dimensions.length - 1)];
            Level level;
            if (d > 0 && random.chance(0.4)) {
                Level ancestor = levels.get(random.between(0, d - 1));
                Map<String, Shares> byKey = new LinkedHashMap<>();
                for (String key : ancestor.possibleKeys()) {
                    byKey.put(key, random.shares(random.keys(random.between(1, 7), name + key + "-")));
                }
                level = Level.keyedBy(name, dimension, ancestor.name(), byKey);
            } else {
                level = Level.of(name, dimension, random.shares(random.keys(random.between(1, 7), name + "-")));
            }
            levels.add(level);
            plan.level(level);
        }
        return plan;
    }

    private static void assertEveryNode(DecompositionNode node, long seed, Set<List<String>> pinned) {
        assertThat(node.subtreeSum()).as("seed %d: subtree %s", seed, node.path()).isEqualByComparingTo(node.value());
        if (node.isLeaf()) {
            return;
        }
        List<DecompositionNode> children = node.children();
        long sum = children.stream().mapToLong(DecompositionNode::minorUnits).sum();
        assertThat(sum).as("seed %d: children of %s", seed, node.path()).isEqualTo(node.minorUnits());
        boolean anyPinned = children.stream().anyMatch(c -> pinned.contains(c.path()));
        if (!anyPinned) {
            IntegerWeights weights = node.shares().orElseThrow().integerWeights();
            for (int i = 0; i < children.size(); i++) {
                assertThat(withinOneUnit(children.get(i).minorUnits(), node.minorUnits(), weights.weight(i), weights.total()))
                        .as("seed %d: %s", seed, children.get(i)).isTrue();
            }
        }
        for (DecompositionNode child : children) {
            assertThat(child.minorUnits()).as("seed %d: %s", seed, child).isNotNegative();
            assertEveryNode(child, seed, pinned);
        }
    }

    private static List<Long> leaves(Decomposition tree) {
        List<Long> values = new ArrayList<>();
        tree.forEachLeaf(leaf -> values.add(leaf.minorUnits()));
        return values;
    }
}

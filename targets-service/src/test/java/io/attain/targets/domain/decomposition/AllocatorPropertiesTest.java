package io.attain.targets.domain.decomposition;

import io.attain.allocation.IntegerWeights;
import io.attain.allocation.LargestRemainder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of every split, over seeded random parents, weights and pins (one case per seed; a failure
 * names its seed and replays exactly).
 */
class AllocatorPropertiesTest {

    static LongStream seeds() {
        return RandomInputs.seeds(500);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void partsAlwaysAddUpToTheParentAndStayWithinOneMinorUnitOfTheirExactShare(long seed) {
        RandomInputs random = new RandomInputs(seed);
        long parent = random.parentMinorUnits();
        Shares shares = random.shares(random.keys(random.between(1, 40), "c"));

        long[] parts = LargestRemainder.allocate(parent, shares.integerWeights());

        assertThat(LongStream.of(parts).sum()).as("seed %d: sum", seed).isEqualTo(parent);
        IntegerWeights weights = shares.integerWeights();
        for (int i = 0; i < parts.length; i++) {
            assertThat(withinOneUnit(parts[i], parent, weights.weight(i), weights.total()))
                    .as("seed %d: part %d = %d is more than one unit from %d × %s / %s", seed, i, parts[i], parent,
                            weights.weight(i), weights.total())
                    .isTrue();
            assertThat(parts[i]).as("seed %d: part %d", seed, i).isNotNegative();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void fastLongArithmeticAgreesWithExactBigIntegerArithmetic(long seed) {
        RandomInputs random = new RandomInputs(seed);
        long parent = random.parentMinorUnits();
        Shares shares = random.shares(random.keys(random.between(1, 80), "c"));
        long[] exact = new long[shares.size()];

        long[] fast = LargestRemainder.allocate(parent, shares.integerWeights());
        LargestRemainder.allocateExact(parent, shares.integerWeights(), exact, 0);

        assertThat(fast).as("seed %d", seed).containsExactly(exact);
    }

    /**
     * Many children whose weights fit a long but are too large to pack a remainder and an index into one
     * long: the fast path's boxed ordering, which random weights rarely reach.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void fastPathWithHugeWeightsAndManyChildrenAgreesWithExactArithmetic(long seed) {
        RandomInputs random = new RandomInputs(seed);
        int k = random.between(17, 31); // 31 × 2^58 still fits a long, 32 × 2^58 would not
        BigInteger[] weights = new BigInteger[k];
        for (int i = 0; i < k; i++) {
            weights[i] = BigInteger.ONE.shiftLeft(57).add(BigInteger.valueOf(random.nextLong(1L << 57)));
        }
        IntegerWeights integerWeights = IntegerWeights.of(weights);
        long parent = 1 + random.nextLong(15);
        long[] exact = new long[k];

        long[] fast = LargestRemainder.allocate(parent, integerWeights);
        LargestRemainder.allocateExact(parent, integerWeights, exact, 0);

        assertThat(integerWeights.fitsInLongs()).as("seed %d: weights fit in longs", seed).isTrue();
        assertThat(fast).as("seed %d", seed).containsExactly(exact);
        assertThat(LongStream.of(fast).sum()).isEqualTo(parent);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void sameInputGivesTheSameOutput(long seed) {
        RandomInputs first = new RandomInputs(seed);
        RandomInputs second = new RandomInputs(seed);

        Allocation a = Allocator.split(BigDecimal.valueOf(first.parentMinorUnits(), 2), ValueUnit.money("CNY"),
                first.shares(first.keys(first.between(1, 30), "c")), Map.of());
        Allocation b = Allocator.split(BigDecimal.valueOf(second.parentMinorUnits(), 2), ValueUnit.money("CNY"),
                second.shares(second.keys(second.between(1, 30), "c")), Map.of());

        assertThat(a.amounts()).as("seed %d", seed).isEqualTo(b.amounts());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void pinsHoldAndTheRestIsSharedByWeightAmongTheOthers(long seed) {
        RandomInputs random = new RandomInputs(seed);
        long parent = random.parentMinorUnits();
        List<String> keys = random.keys(random.between(2, 20), "c");
        Shares shares = random.shares(keys);
        Map<String, BigDecimal> pins = new HashMap<>();
        long left = parent;
        for (String key : keys) {
            if (pins.size() < keys.size() - 1 && random.chance(0.3)) {
                long pin = random.nextLong(left / 2 + 1);
                pins.put(key, BigDecimal.valueOf(pin, 2));
                left -= pin;
            }
        }

        Allocation split = Allocator.split(BigDecimal.valueOf(parent, 2), ValueUnit.money("CNY"), shares, pins);

        pins.forEach((key, pin) -> assertThat(split.amount(key)).as("seed %d: pin %s", seed, key).isEqualByComparingTo(pin));
        long total = keys.stream().mapToLong(split::minorUnits).sum();
        assertThat(total).as("seed %d: sum", seed).isEqualTo(parent);
        BigInteger freeWeight = BigInteger.ZERO;
        for (String key : keys) {
            if (!pins.containsKey(key)) {
                freeWeight = freeWeight.add(shares.integerWeights().weight(shares.indexOf(key)));
            }
        }
        if (freeWeight.signum() > 0) {
            for (String key : keys) {
                if (!pins.containsKey(key)) {
                    BigInteger weight = shares.integerWeights().weight(shares.indexOf(key));
                    assertThat(withinOneUnit(split.minorUnits(key), left, weight, freeWeight))
                            .as("seed %d: unpinned %s", seed, key).isTrue();
                }
            }
        }
    }

    /** |part − parent × weight / total| < 1, decided exactly: |part × total − parent × weight| < total. */
    static boolean withinOneUnit(long part, long parent, BigInteger weight, BigInteger total) {
        BigInteger difference = BigInteger.valueOf(part).multiply(total).subtract(BigInteger.valueOf(parent).multiply(weight));
        return difference.abs().compareTo(total) < 0;
    }
}

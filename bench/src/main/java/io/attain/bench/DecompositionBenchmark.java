package io.attain.bench;

import io.attain.targets.domain.decomposition.Decomposition;
import io.attain.targets.domain.decomposition.DecompositionPlan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Decomposing one annual target into 12 months × 10,000 reps × 3 product lines × 4 regions (1.44 million
 * leaves). The budget (issue 4): under 2 s per decomposition with a heap under 1 GiB, hence {@code -Xmx1g}
 * on every fork. Run {@code -prof gc} for the bytes allocated per decomposition.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class DecompositionBenchmark {

    private AnnualPlanFixture fixture;
    private DecompositionPlan flatPlan;
    private DecompositionPlan hierarchicalPlan;
    private Decomposition decomposed;

    @Setup
    public void setUp() {
        fixture = new AnnualPlanFixture();
        flatPlan = fixture.monthRepProductRegion();
        hierarchicalPlan = fixture.quarterMonthTeamRepProductRegion();
        decomposed = flatPlan.decompose(AnnualPlanFixture.ANNUAL_TARGET);
        requireLeaves(decomposed);
        requireLeaves(hierarchicalPlan.decompose(AnnualPlanFixture.ANNUAL_TARGET));
    }

    /** month → rep → product line → region, plan prepared beforehand. */
    @Benchmark
    public Decomposition decomposeMonthRepProductRegion() {
        return flatPlan.decompose(AnnualPlanFixture.ANNUAL_TARGET);
    }

    /** quarter → month of quarter → team → rep of team → product line → region (keyed levels). */
    @Benchmark
    public Decomposition decomposeQuarterMonthTeamRepProductRegion() {
        return hierarchicalPlan.decompose(AnnualPlanFixture.ANNUAL_TARGET);
    }

    /** The whole job from raw inputs: shares validated and reduced (10,000 reps' history), then decomposed. */
    @Benchmark
    public Decomposition buildPlanAndDecompose() {
        return fixture.monthRepProductRegion().decompose(AnnualPlanFixture.ANNUAL_TARGET);
    }

    /** A slice across the whole tree: one region summed over every month, rep and product line. */
    @Benchmark
    public BigDecimal sumRegionAcrossTree() {
        return decomposed.sumWhere(Map.of("region", "华北"));
    }

    /** One rep's annual target from the leaves under every month. */
    @Benchmark
    public BigDecimal sumOneRepAcrossMonths() {
        return decomposed.sumWhere(Map.of("rep", "rep-42-7"));
    }

    /** One month's subtree (120,000 leaves) summed from its leaves. */
    @Benchmark
    public BigDecimal subtreeSumOfOneMonth() {
        return decomposed.node(List.of("Dec")).subtreeSum();
    }

    private static void requireLeaves(Decomposition decomposition) {
        if (decomposition.leafCount() != AnnualPlanFixture.LEAVES
                || decomposition.root().subtreeSum().compareTo(AnnualPlanFixture.ANNUAL_TARGET.amount()) != 0) {
            throw new IllegalStateException("unexpected decomposition: " + decomposition);
        }
    }
}

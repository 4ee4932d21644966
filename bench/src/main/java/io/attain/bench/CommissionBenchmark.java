package io.attain.bench;

import io.attain.incentive.domain.commission.CommissionEngine;
import io.attain.incentive.domain.commission.CommissionInput;
import io.attain.incentive.domain.commission.CommissionResult;
import io.attain.incentive.domain.commission.RateMode;
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

import java.util.concurrent.TimeUnit;

/**
 * A full quarter's commission recalculation in memory: 10,000 reps in 100 teams, 1,000,000 credits, every
 * plan component (see {@link CommissionQuarterFixture}), producing every statement line and every credit's
 * attributed commission. The budget (issue 5): under 1 s with a heap under 1 GiB, hence {@code -Xmx1g} on
 * every fork. Run {@code -prof gc} for the bytes allocated per recalculation, and
 * {@link CommissionFootprint} for the heap held.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class CommissionBenchmark {

    private CommissionInput retroactive;
    private CommissionInput marginal;

    @Setup
    public void setUp() {
        CommissionQuarterFixture fixture = new CommissionQuarterFixture();
        retroactive = fixture.input(RateMode.RETROACTIVE);
        marginal = fixture.input(RateMode.MARGINAL);
        requireStatements(CommissionEngine.calculate(retroactive));
        requireStatements(CommissionEngine.calculate(marginal));
    }

    /** Seed tiers, whole credit at the rate reached (阶梯式提成). */
    @Benchmark
    public CommissionResult recalculateQuarterRetroactive() {
        return CommissionEngine.calculate(retroactive);
    }

    /** Seed tiers, each slice at its own rate (超额累进). */
    @Benchmark
    public CommissionResult recalculateQuarterMarginal() {
        return CommissionEngine.calculate(marginal);
    }

    private static void requireStatements(CommissionResult result) {
        // every rep and every manager gets a statement
        int expected = CommissionQuarterFixture.REPS + CommissionQuarterFixture.TEAMS;
        if (result.statements().size() != expected || result.total().isNegative() || result.total().isZero()) {
            throw new IllegalStateException("unexpected result: " + result.statements().size() + " statements, total " + result.total());
        }
    }
}

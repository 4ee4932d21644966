package io.attain.bench;

import io.attain.incentive.domain.commission.CommissionEngine;
import io.attain.incentive.domain.commission.CommissionInput;
import io.attain.incentive.domain.commission.CommissionResult;
import io.attain.incentive.domain.commission.RateMode;

import java.lang.management.ManagementFactory;

/**
 * Wall time of repeated full-quarter recalculations (10,000 reps, 1,000,000 credits), the heap held by
 * the input and by one result, and the peak heap of the run:
 * {@code java -Xmx1g -cp bench/target/benchmarks.jar io.attain.bench.CommissionFootprint [rounds]}.
 */
public final class CommissionFootprint {

    private CommissionFootprint() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        long before = HeapGauge.usedAfterGc();
        CommissionQuarterFixture fixture = new CommissionQuarterFixture();
        CommissionInput retroactive = fixture.input(RateMode.RETROACTIVE);
        CommissionInput marginal = fixture.input(RateMode.MARGINAL);
        long inputRetained = HeapGauge.usedAfterGc() - before;
        HeapGauge.resetPeaks();

        CommissionResult result = null;
        for (RateMode mode : RateMode.values()) {
            CommissionInput input = mode == RateMode.RETROACTIVE ? retroactive : marginal;
            long best = Long.MAX_VALUE;
            long sum = 0;
            long cpu = 0;
            for (int i = 0; i < rounds; i++) {
                result = null;
                long startCpu = processCpuNanos();
                long start = System.nanoTime();
                result = CommissionEngine.calculate(input);
                long took = System.nanoTime() - start;
                cpu += processCpuNanos() - startCpu;
                best = Math.min(best, took);
                sum += took;
            }
            System.out.printf("%-12s %d rounds: wall best %,d ms, mean %,d ms; CPU (all threads, GC included) %,d ms per round;"
                            + " total %s over %,d statements, %,d lines%n", mode, rounds, best / 1_000_000, sum / rounds / 1_000_000,
                    cpu / rounds / 1_000_000, result.total(), result.statements().size(), result.lines().size());
        }
        long peak = HeapGauge.peakHeapUsed();
        long beforeResult = HeapGauge.usedAfterGc();
        CommissionResult kept = CommissionEngine.calculate(retroactive);
        long resultRetained = HeapGauge.usedAfterGc() - beforeResult;

        System.out.printf("max heap:                 %,d MiB%n", Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("input retained:           %,.1f MiB (%,d credits)%n", inputRetained / 1048576.0, fixture.credits.size());
        System.out.printf("one result retained:      %,.1f MiB (%,d credit commissions)%n", resultRetained / 1048576.0,
                kept.statements().stream().mapToInt(statement -> statement.creditCommissions().size()).sum());
        System.out.printf("peak heap during the run: %,.1f MiB%n", peak / 1048576.0);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}

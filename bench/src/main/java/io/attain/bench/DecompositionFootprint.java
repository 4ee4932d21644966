package io.attain.bench;

import io.attain.targets.domain.decomposition.Decomposition;
import io.attain.targets.domain.decomposition.DecompositionPlan;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Heap held by one decomposed 1.44-million-leaf target, and the peak heap of the whole run:
 * {@code java -Xmx1g -cp bench/target/benchmarks.jar io.attain.bench.DecompositionFootprint}.
 */
public final class DecompositionFootprint {

    private DecompositionFootprint() {
    }

    public static void main(String[] args) {
        AnnualPlanFixture fixture = new AnnualPlanFixture();
        DecompositionPlan flat = fixture.monthRepProductRegion();
        DecompositionPlan hierarchical = fixture.quarterMonthTeamRepProductRegion();
        resetPeaks();
        long before = usedAfterGc();
        Decomposition flatTree = flat.decompose(AnnualPlanFixture.ANNUAL_TARGET);
        long flatRetained = usedAfterGc() - before;
        Decomposition hierarchicalTree = hierarchical.decompose(AnnualPlanFixture.ANNUAL_TARGET);
        long bothRetained = usedAfterGc() - before;

        System.out.printf("max heap:                                 %,d MiB%n", Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("leaves per decomposition:                 %,d%n", flatTree.leafCount());
        System.out.printf("retained, month→rep→product→region:       %,.1f MiB%n", flatRetained / 1048576.0);
        System.out.printf("retained, quarter→month→team→rep→…:       %,.1f MiB%n", (bothRetained - flatRetained) / 1048576.0);
        System.out.printf("peak heap used during both decompositions: %,.1f MiB%n", peakHeapUsed() / 1048576.0);
        System.out.printf("check: %s / %s%n", flatTree.root().subtreeSum().toPlainString(),
                hierarchicalTree.root().subtreeSum().toPlainString());
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks: an upper bound of the heap in use at any one moment. */
    private static long peakHeapUsed() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}

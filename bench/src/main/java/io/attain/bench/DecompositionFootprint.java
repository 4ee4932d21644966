package io.attain.bench;

import io.attain.targets.domain.decomposition.Decomposition;
import io.attain.targets.domain.decomposition.DecompositionPlan;


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
        HeapGauge.resetPeaks();
        long before = HeapGauge.usedAfterGc();
        Decomposition flatTree = flat.decompose(AnnualPlanFixture.ANNUAL_TARGET);
        long flatRetained = HeapGauge.usedAfterGc() - before;
        Decomposition hierarchicalTree = hierarchical.decompose(AnnualPlanFixture.ANNUAL_TARGET);
        long bothRetained = HeapGauge.usedAfterGc() - before;

        System.out.printf("max heap:                                 %,d MiB%n", Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("leaves per decomposition:                 %,d%n", flatTree.leafCount());
        System.out.printf("retained, month→rep→product→region:       %,.1f MiB%n", flatRetained / 1048576.0);
        System.out.printf("retained, quarter→month→team→rep→…:       %,.1f MiB%n", (bothRetained - flatRetained) / 1048576.0);
        System.out.printf("peak heap used during both decompositions: %,.1f MiB%n", HeapGauge.peakHeapUsed() / 1048576.0);
        System.out.printf("check: %s / %s%n", flatTree.root().subtreeSum().toPlainString(),
                hierarchicalTree.root().subtreeSum().toPlainString());
    }
}

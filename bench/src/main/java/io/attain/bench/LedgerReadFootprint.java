package io.attain.bench;

import io.attain.incentive.domain.commission.CommissionEngine;
import io.attain.incentive.domain.commission.CommissionInput;
import io.attain.incentive.domain.commission.CommissionResult;
import io.attain.incentive.domain.commission.RateMode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * {@link LedgerReadBenchmark}'s operation in rounds, with the CPU it costs on both sides: this JVM (all threads, GC
 * included) and the PostgreSQL backend serving the read. CPU time hardly depends on how busy the machine is, wall
 * time does; on a shared build machine the CPU figures are the ones to compare with the budget.
 * {@code java -Xmx1g -cp bench/target/benchmarks.jar io.attain.bench.LedgerReadFootprint [rounds]}.
 */
public final class LedgerReadFootprint {

    private LedgerReadFootprint() {
    }

    public static void main(String[] args) throws IOException, SQLException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            CommissionQuarterFixture fixture = new CommissionQuarterFixture();
            LedgerDatabase ledger = new LedgerDatabase(postgres.getPostgresDatabase());
            long loadStart = System.nanoTime();
            ledger.load(fixture);
            System.out.printf("loaded %,d credit entries and %,d quotas in %,d ms%n", fixture.credits.size(),
                    fixture.quotas.size(), (System.nanoTime() - loadStart) / 1_000_000);
            fixture.credits.clear();
            HeapGauge.resetPeaks();
            for (int round = 1; round <= rounds; round++) {
                long backendCpu = ledger.backendCpuMillis();
                long jvmCpu = processCpuNanos();
                long start = System.nanoTime();
                LedgerDatabase.Quarter quarter = ledger.readQuarter(CommissionQuarterFixture.QUARTER);
                long read = System.nanoTime();
                long readCpu = processCpuNanos();
                CommissionInput.Builder input = CommissionInput.builder(fixture.plan(RateMode.RETROACTIVE),
                        CommissionQuarterFixture.QUARTER).exchangeRates(fixture.usdToCny).credits(quarter.credits());
                quarter.quotas().forEach(input::quota);
                fixture.teams.forEach(input::team);
                CommissionResult result = CommissionEngine.calculate(input.build());
                long done = System.nanoTime();
                long totalCpu = processCpuNanos() - jvmCpu;
                System.out.printf("round %d: wall %,d ms (read %,d + calculate %,d); CPU: JVM %,d ms (read %,d), PostgreSQL backend %,d ms;"
                                + " %,d credits, %,d statements, total %s%n", round, (done - start) / 1_000_000,
                        (read - start) / 1_000_000, (done - read) / 1_000_000, totalCpu / 1_000_000,
                        (readCpu - jvmCpu) / 1_000_000, ledger.backendCpuMillis() - backendCpu, quarter.credits().size(),
                        result.statements().size(), result.total());
            }
            System.out.printf("max heap %,d MiB; peak heap in use %,.1f MiB%n", Runtime.getRuntime().maxMemory() >> 20,
                    HeapGauge.peakHeapUsed() / 1048576.0);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** utime + stime of a process in milliseconds, from {@code /proc/<pid>/stat} (Linux, 100 ticks a second). */
    static long cpuMillisOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        } catch (IOException e) {
            return -1;
        }
    }
}

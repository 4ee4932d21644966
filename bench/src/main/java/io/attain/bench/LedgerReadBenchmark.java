package io.attain.bench;

import io.attain.incentive.domain.commission.CommissionEngine;
import io.attain.incentive.domain.commission.CommissionInput;
import io.attain.incentive.domain.commission.CommissionResult;
import io.attain.incentive.domain.commission.Credit;
import io.attain.incentive.domain.commission.RateMode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A full quarter's recalculation including reading the ledger from PostgreSQL: the 1,000,000 credits and 10,000
 * quotas of {@link CommissionQuarterFixture} are loaded once into a real (embedded) PostgreSQL 17, in tables shaped
 * like incentive-service's {@code credit_entry}, {@code credit_entry_fact} and {@code quota}; each operation reads
 * them back ({@link LedgerDatabase#readQuarter}) and runs the engine over them. The budget (issue 5): under 5 s with
 * a heap under 1 GiB, hence {@code -Xmx1g}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class LedgerReadBenchmark {

    private EmbeddedPostgres postgres;
    private LedgerDatabase ledger;
    private CommissionQuarterFixture fixture;

    @Setup(Level.Trial)
    public void setUp() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().start();
        fixture = new CommissionQuarterFixture();
        ledger = new LedgerDatabase(postgres.getPostgresDatabase());
        ledger.load(fixture);
        // The loaded ledger is not needed in memory: each operation reads it back.
        fixture.credits.clear();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        postgres.close();
    }

    /** Reads the credits and quotas of the quarter and recalculates it (seed tiers, RETROACTIVE, every component). */
    @Benchmark
    public CommissionResult readLedgerAndRecalculateQuarter() throws SQLException {
        LedgerDatabase.Quarter quarter = ledger.readQuarter(CommissionQuarterFixture.QUARTER);
        CommissionInput.Builder input = CommissionInput.builder(fixture.plan(RateMode.RETROACTIVE), CommissionQuarterFixture.QUARTER)
                .exchangeRates(fixture.usdToCny).credits(quarter.credits());
        quarter.quotas().forEach(input::quota);
        fixture.teams.forEach(input::team);
        return CommissionEngine.calculate(input.build());
    }

    /** The read alone, for the share of the database in the total. */
    @Benchmark
    public List<Credit> readLedgerOnly() throws SQLException {
        return ledger.readQuarter(CommissionQuarterFixture.QUARTER).credits();
    }
}

package io.attain.bench;

import io.attain.targets.attainment.ActualSource;
import io.attain.targets.attainment.ActualsQuery;
import io.attain.targets.attainment.ActualsRollup;
import io.attain.targets.attainment.Attainment;
import io.attain.targets.attainment.AttainmentCalculator;
import io.attain.targets.attainment.DealFilter;
import io.attain.targets.attainment.OwnerScope;
import io.attain.targets.attainment.PaceBands;
import io.attain.targets.attainment.Seasonality;
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
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Attainment of one target node read from a real (embedded) PostgreSQL 17 holding a year of deals for 10,000
 * reps ({@link ActualsDatabase}: 300,000 deals, their stage entries and payments, and the per-unit rollup built
 * from them by the service's migration), through the very statements targets-service runs ({@link ActualsQuery}:
 * a rep's own deal rows, a unit's rollup rows) followed by the calculation ({@link AttainmentCalculator}). Issue 4's
 * budget: under 20 ms at p99, hence {@code SampleTime}. Each operation picks a random node of its level, so no
 * answer is the previous one's.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public class AttainmentReadBenchmark {

    private static final BigDecimal ANNUAL_REP_TARGET = new BigDecimal("6000000.00");
    private static final LocalDate AS_OF = LocalDate.of(2025, 9, 30);
    private static final AttainmentCalculator CALCULATOR =
            new AttainmentCalculator(PaceBands.DEFAULT, AttainmentCalculator.DEFAULT_MILESTONES);
    private static final Seasonality YEAR = Seasonality.linear(ActualsDatabase.YEAR_START, ActualsDatabase.YEAR_END);

    private EmbeddedPostgres postgres;
    private ActualsDatabase database;
    private Connection connection;
    /** Its own transaction for the write benchmark, rolled back after each operation. */
    private Connection writer;

    @Setup(Level.Trial)
    public void setUp() throws IOException, SQLException {
        // the data directory outlives the fork, so the next benchmark's fork finds the year already loaded
        Path data = Path.of(System.getProperty("attain.bench.pgdata", "target/attainment-pgdata")).toAbsolutePath();
        Files.createDirectories(data);
        postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
        database = new ActualsDatabase(postgres.getPostgresDatabase());
        if (!database.loaded()) {
            long started = System.nanoTime();
            database.load();
            System.out.printf("%nloaded %,d deals of %,d reps into %s in %,d ms%n", database.deals,
                    database.reps.size(), data, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
        // one connection, as a pooled one would be for one request
        connection = postgres.getPostgresDatabase().getConnection();
        // dealEventRollupChange's rolled-back updates leave pages that index-only scans must check in the table
        // (as a busy service's writes do until autovacuum passes): each trial starts from a vacuumed database
        try (Statement vacuum = connection.createStatement()) {
            vacuum.execute("vacuum");
        }
        writer = postgres.getPostgresDatabase().getConnection();
        writer.setAutoCommit(false);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, SQLException {
        connection.close();
        writer.close();
        postgres.close();
    }

    /** A rep's annual revenue target. */
    @Benchmark
    public Attainment repRevenue() throws SQLException {
        String rep = pick(database.reps);
        return attainment(ActualSource.WON_REVENUE, OwnerScope.member(rep), DealFilter.ANY, 1);
    }

    /** A team's (10 reps) annual revenue target. */
    @Benchmark
    public Attainment teamRevenue() throws SQLException {
        return attainment(ActualSource.WON_REVENUE, OwnerScope.subtree(pick(database.teamPaths)), DealFilter.ANY,
                ActualsDatabase.REPS_PER_TEAM);
    }

    /** A team's annual revenue target for one product line and region (a leaf of a decomposition). */
    @Benchmark
    public Attainment teamRevenueOfProductLineAndRegion() throws SQLException {
        return attainment(ActualSource.WON_REVENUE, OwnerScope.subtree(pick(database.teamPaths)),
                DealFilter.of(Map.of("productLine", "A", "region", "华东")), ActualsDatabase.REPS_PER_TEAM);
    }

    /** A team's collections target (payments joined to their deals). */
    @Benchmark
    public Attainment teamCollections() throws SQLException {
        return attainment(ActualSource.COLLECTIONS, OwnerScope.subtree(pick(database.teamPaths)), DealFilter.ANY,
                ActualsDatabase.REPS_PER_TEAM);
    }

    /** A team's proposals target (stage entries joined to their deals). */
    @Benchmark
    public Attainment teamProposals() throws SQLException {
        return attainment(ActualSource.PROPOSAL_ENTRIES, OwnerScope.subtree(pick(database.teamPaths)), DealFilter.ANY,
                ActualsDatabase.REPS_PER_TEAM);
    }

    /** A department's (1,000 reps, 30,000 deals) annual revenue target. */
    @Benchmark
    public Attainment departmentRevenue() throws SQLException {
        return attainment(ActualSource.WON_REVENUE, OwnerScope.subtree(pick(database.departmentPaths)), DealFilter.ANY,
                ActualsDatabase.TEAMS_PER_DEPARTMENT * ActualsDatabase.REPS_PER_TEAM);
    }

    /** The company's (10,000 reps, 300,000 deals) annual revenue target. */
    @Benchmark
    public Attainment companyRevenue() throws SQLException {
        return attainment(ActualSource.WON_REVENUE, OwnerScope.subtree(database.companyPath), DealFilter.ANY,
                database.reps.size());
    }

    /** The company's annual revenue target for one product line and region (a leaf of the seed decomposition). */
    @Benchmark
    public Attainment companyRevenueOfProductLineAndRegion() throws SQLException {
        return attainment(ActualSource.WON_REVENUE, OwnerScope.subtree(database.companyPath),
                DealFilter.of(Map.of("productLine", "A", "region", "华东")), database.reps.size());
    }

    /** The company's annual revenue target of one region (a split that does not name a product line). */
    @Benchmark
    public Attainment companyRevenueOfRegion() throws SQLException {
        return attainment(ActualSource.WON_REVENUE, OwnerScope.subtree(database.companyPath),
                DealFilter.of(Map.of("region", "华东")), database.reps.size());
    }

    /** The company's collections target. */
    @Benchmark
    public Attainment companyCollections() throws SQLException {
        return attainment(ActualSource.COLLECTIONS, OwnerScope.subtree(database.companyPath), DealFilter.ANY,
                database.reps.size());
    }

    /**
     * What the rollup adds to a deal event's transaction: the deal's contributions before and after its row changes
     * (here it is won, or a won deal reopened: its revenue, deal count and perhaps new customer move), and the
     * difference added to its team's, department's and company's cells. Rolled back, so every operation starts from
     * the loaded year.
     */
    @Benchmark
    public int dealEventRollupChange() throws SQLException {
        UUID deal = new UUID(12, ThreadLocalRandom.current().nextLong(database.deals));
        try {
            ActualsRollup.lockShared(writer);
            Map<ActualsRollup.Cell, BigDecimal> before = ActualsRollup.ofDeal(writer, deal);
            try (PreparedStatement update = writer.prepareStatement(
                    "update deal_actual set booked = not booked, won_on = coalesce(won_on, closed_on, created_on),"
                            + " version = version + 1 where deal_id = ?")) {
                update.setObject(1, deal);
                update.executeUpdate();
            }
            Map<ActualsRollup.Cell, BigDecimal> change = ActualsRollup.change(before, ActualsRollup.ofDeal(writer, deal));
            ActualsRollup.add(writer, change);
            return change.size();
        } finally {
            writer.rollback();
        }
    }

    /** A team's leaderboard: actual per rep. */
    @Benchmark
    public Map<String, BigDecimal> teamLeaderboardActuals() throws SQLException {
        return ActualsQuery.perMember(connection, new ActualsQuery.Criteria(ActualSource.WON_REVENUE,
                OwnerScope.subtree(pick(database.teamPaths)), DealFilter.ANY, "CNY", ActualsDatabase.YEAR_START, AS_OF));
    }

    private Attainment attainment(ActualSource source, OwnerScope owners, DealFilter filter, int reps)
            throws SQLException {
        SortedMap<LocalDate, BigDecimal> daily = ActualsQuery.daily(connection, new ActualsQuery.Criteria(source, owners,
                filter, source.isMoney() ? "CNY" : null, ActualsDatabase.YEAR_START, AS_OF));
        BigDecimal target = source.isMoney() ? ANNUAL_REP_TARGET.multiply(BigDecimal.valueOf(reps))
                : BigDecimal.valueOf(12L * reps);
        return CALCULATOR.calculate(target, 2, ActualsDatabase.YEAR_START, ActualsDatabase.YEAR_END, AS_OF, YEAR, daily);
    }

    private static <T> T pick(List<T> items) {
        return items.get(ThreadLocalRandom.current().nextInt(items.size()));
    }
}

package io.attain.bench;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * targets-service's org tables, actuals read model and attainment rollup in a PostgreSQL database, created by the
 * service's own Flyway scripts ({@code V1} org and targets, {@code V6} actuals, with its indexes) and loaded with
 * {@code COPY}: one company, {@value #DEPARTMENTS} departments of {@value #TEAMS_PER_DEPARTMENT} teams of
 * {@value #REPS_PER_TEAM} reps (10,000 reps), and {@value #DEALS_PER_REP} deals per rep created over 2025
 * (300,000 deals): 40% won, 20% lost, the rest open, with their stage entries and, for won deals, one payment.
 * Then, as on an upgraded service, {@code V2} derives the membership history from the members and {@code V7}
 * builds the per-unit rollup from the loaded actuals. The org lists are derived from the same constants without
 * the database, so a database loaded by an earlier JMH fork is reused as it is.
 */
final class ActualsDatabase {

    static final int DEPARTMENTS = 10;
    static final int TEAMS_PER_DEPARTMENT = 100;
    static final int REPS_PER_TEAM = 10;
    static final int DEALS_PER_REP = 30;
    static final LocalDate YEAR_START = LocalDate.of(2025, 1, 1);
    static final LocalDate YEAR_END = LocalDate.of(2025, 12, 31);
    private static final String[] SCRIPTS = {"db/migration/V1__org_and_targets.sql", "db/migration/V6__deal_actuals.sql"};
    /** Run on the loaded tables: they derive their rows from what the tables above hold. */
    private static final String[] DERIVING_SCRIPTS = {"db/migration/V2__membership_history.sql",
            "db/migration/V7__unit_actual_rollup.sql"};
    private static final String[] PRODUCT_LINES = {"A", "B", "SERVICES"};
    private static final String[] REGIONS = {"华东", "华南", "华北", "西南"};
    private static final String[] TIERS = {"KA", "MID", "SMALL"};
    private static final String[] CHANNELS = {"直销", "分销", "电商", "渠道伙伴"};
    private static final String[] FUNNEL = {"LEAD", "CONTACTED", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION", "WON"};

    final UUID company = new UUID(9, 0);
    final String companyPath = company.toString();
    final List<String> departmentPaths = new ArrayList<>();
    final List<String> teamPaths = new ArrayList<>();
    final List<String> reps = new ArrayList<>();
    long deals;

    private final DataSource database;

    ActualsDatabase(DataSource database) {
        this.database = database;
        for (int d = 0, team = 0; d < DEPARTMENTS; d++) {
            String departmentPath = companyPath + "/" + new UUID(10, d);
            departmentPaths.add(departmentPath);
            for (int t = 0; t < TEAMS_PER_DEPARTMENT; t++, team++) {
                teamPaths.add(departmentPath + "/" + new UUID(11, team));
                for (int r = 0; r < REPS_PER_TEAM; r++) {
                    reps.add("rep-" + team + "-" + r);
                }
            }
        }
    }

    /** Whether an earlier fork already loaded this database (the data directory is kept between forks). */
    boolean loaded() throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             var rows = statement.executeQuery("select count(*) from pg_tables where tablename = 'unit_actual'")) {
            rows.next();
            if (rows.getLong(1) == 0) {
                return false;
            }
        }
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             var rows = statement.executeQuery("select count(*) from deal_actual")) {
            rows.next();
            deals = rows.getLong(1);
            return deals == (long) reps.size() * DEALS_PER_REP;
        }
    }

    void load() throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("drop view if exists credited_contribution, deal_contribution");
            statement.execute("drop function if exists credited_path");
            statement.execute("drop table if exists unit_actual, unit_actual_detail, membership, deal_stage_entry,"
                    + " deal_payment, deal_actual, target, member, org_unit cascade");
            for (String script : SCRIPTS) {
                statement.execute(resource(script));
            }
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            loadOrg(copy);
            loadDeals(copy);
            statement.execute("analyze");
            for (String script : DERIVING_SCRIPTS) {
                statement.execute(resource(script));
            }
            statement.execute("vacuum analyze");
        }
    }

    private void loadOrg(CopyManager copy) throws SQLException {
        StringBuilder units = new StringBuilder();
        StringBuilder members = new StringBuilder();
        units.append(unitRow(company, "Company", "COMPANY", null, companyPath));
        int team = 0;
        for (int d = 0; d < DEPARTMENTS; d++) {
            UUID department = new UUID(10, d);
            String departmentPath = departmentPaths.get(d);
            units.append(unitRow(department, "Department " + d, "DEPARTMENT", company, departmentPath));
            for (int t = 0; t < TEAMS_PER_DEPARTMENT; t++, team++) {
                UUID unit = new UUID(11, team);
                units.append(unitRow(unit, "Team " + team, "TEAM", department, teamPaths.get(team)));
                for (int r = 0; r < REPS_PER_TEAM; r++) {
                    String rep = reps.get(team * REPS_PER_TEAM + r);
                    members.append(rep).append(",Rep ").append(rep).append(',').append(unit)
                            .append(",REP,2024-01-01,1,2024-01-01T00:00:00Z\n");
                }
            }
        }
        copy(copy, "copy org_unit (id, name, kind, parent_id, path, version, created_at) from stdin with (format csv)", units);
        copy(copy, "copy member (member_id, display_name, org_unit_id, role, effective_from, version, created_at)"
                + " from stdin with (format csv)", members);
    }

    private static String unitRow(UUID id, String name, String kind, UUID parent, String path) {
        return id + "," + name + "," + kind + "," + (parent == null ? "" : parent) + "," + path
                + ",1,2024-01-01T00:00:00Z\n";
    }

    private void loadDeals(CopyManager copy) throws SQLException {
        deals = 0;
        SplittableRandom random = new SplittableRandom(20251231L);
        int batchReps = 500;
        for (int from = 0; from < reps.size(); from += batchReps) {
            StringBuilder actuals = new StringBuilder();
            StringBuilder payments = new StringBuilder();
            StringBuilder entries = new StringBuilder();
            for (int r = from; r < Math.min(reps.size(), from + batchReps); r++) {
                for (int n = 0; n < DEALS_PER_REP; n++) {
                    UUID deal = new UUID(12, deals++);
                    LocalDate created = YEAR_START.plusDays(random.nextInt(300));
                    LocalDate closed = created.plusDays(5 + random.nextInt(60));
                    int outcome = random.nextInt(10);
                    boolean won = outcome < 4;
                    boolean lost = outcome >= 4 && outcome < 6;
                    int furthest = won ? 5 : random.nextInt(5);
                    String stage = won ? "WON" : lost ? "LOST" : FUNNEL[furthest];
                    long amount = 50_000 + random.nextInt(950_000);
                    actuals.append(deal).append(',').append(1 + furthest).append(',').append(reps.get(r)).append(",,")
                            .append(amount).append(".00,CNY,")
                            .append(PRODUCT_LINES[random.nextInt(PRODUCT_LINES.length)]).append(',')
                            .append(REGIONS[random.nextInt(REGIONS.length)]).append(',')
                            .append(TIERS[random.nextInt(TIERS.length)]).append(',')
                            .append(CHANNELS[random.nextInt(CHANNELS.length)]).append(',')
                            .append(random.nextInt(3) == 0).append(',').append(stage).append(',').append(won).append(',')
                            .append(created).append(',').append(won ? closed.toString() : "").append(',')
                            .append(won || lost ? closed.toString() : "").append(',').append(furthest)
                            .append(",2025-12-31T00:00:00Z\n");
                    for (int s = 0; s <= furthest; s++) {
                        entries.append(deal).append(',').append(FUNNEL[s]).append(',')
                                .append(s == 0 ? created : created.plusDays(s)).append('\n');
                    }
                    if (won) {
                        payments.append(new UUID(13, deals)).append(',').append(deal).append(',').append(amount)
                                .append(".00,CNY,").append(closed.plusDays(random.nextInt(30))).append(",false\n");
                    }
                }
            }
            copy(copy, "copy deal_actual (deal_id, version, owner_id, account_id, amount, currency, product_line, region,"
                    + " customer_tier, channel, new_customer, stage, booked, created_on, won_on, closed_on, furthest_stage,"
                    + " updated_at) from stdin with (format csv)", actuals);
            copy(copy, "copy deal_stage_entry (deal_id, stage, entered_on) from stdin with (format csv)", entries);
            copy(copy, "copy deal_payment (payment_id, deal_id, amount, currency, received_on, reversal)"
                    + " from stdin with (format csv)", payments);
        }
    }

    private static String resource(String name) {
        try (InputStream in = ActualsDatabase.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the class path (targets-service's migrations)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(CopyManager copy, String sql, CharSequence rows) throws SQLException {
        try (Reader reader = new StringReader(rows.toString())) {
            copy.copyIn(sql, reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

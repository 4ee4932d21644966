package io.attain.targets.attainment;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The attainment rollup ({@code unit_actual}, {@code unit_actual_detail}, Flyway V7): what each org unit's
 * subtree achieved per source, currency and day, with and without the deal dimensions targets filter on, so a
 * department's or the company's attainment sums at most a row per day instead of every deal below it.
 *
 * <p>It is kept exact by differences rather than by replaying: whoever changes what a deal contributes (a deal
 * event) or where contributions are credited (a member joining or moving) reads the contributions concerned
 * before and after the change from the V7 views ({@code credited_contribution}: each deal's won revenue, counts,
 * payments and stage entries, credited to the owner's unit on that day and every unit above it) and adds
 * {@link #change the difference}. A unit moving carries its own rows from its old ancestors to its new ones.
 * Deal events take {@link #lockShared the lock} shared and org changes exclusively, so no deal's difference is
 * computed against an org tree that changes before it commits.
 *
 * <p>Plain JDBC like {@link ActualsQuery}, so the benchmark runs the service's statements.
 */
public final class ActualsRollup {

    /** Arbitrary constant naming the advisory lock between rollup writers. */
    private static final long ROLLUP_LOCK = 0x524F4C4C5550L;

    /**
     * One cell of the rollup: an org unit's actual of one source, currency ({@code ""} for counts) and day, for
     * one combination of deal dimensions (null where a deal has none).
     */
    public record Cell(UUID orgUnitId, ActualSource source, String currency, LocalDate day, String productLine,
                       String region, String customerTier, String channel, boolean newCustomer) {
        public Cell {
            Objects.requireNonNull(orgUnitId, "orgUnitId");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(day, "day");
        }

        Total total() {
            return new Total(orgUnitId, source, currency, day);
        }
    }

    /** A cell summed over the dimensions. */
    record Total(UUID orgUnitId, ActualSource source, String currency, LocalDate day) {
    }

    /**
     * One order for every writer, so two transactions adding to the same cells lock them in the same order
     * and cannot deadlock.
     */
    private static final Comparator<String> TEXT = Comparator.nullsFirst(Comparator.naturalOrder());
    static final Comparator<Cell> CELL_ORDER = Comparator.comparing(Cell::orgUnitId)
            .thenComparing(Cell::source).thenComparing(Cell::currency).thenComparing(Cell::day)
            .thenComparing(Cell::productLine, TEXT).thenComparing(Cell::region, TEXT)
            .thenComparing(Cell::customerTier, TEXT).thenComparing(Cell::channel, TEXT)
            .thenComparing(Cell::newCustomer);
    static final Comparator<Total> TOTAL_ORDER = Comparator.comparing(Total::orgUnitId)
            .thenComparing(Total::source).thenComparing(Total::currency).thenComparing(Total::day);

    private static final String CELL_COLUMNS =
            "org_unit_id, source, currency, day, product_line, region, customer_tier, channel, new_customer";

    private ActualsRollup() {
    }

    /** Taken by each deal event before it reads what the deal contributes; held until it commits. */
    public static void lockShared(Connection connection) throws SQLException {
        lock(connection, "pg_advisory_xact_lock_shared");
    }

    /** Taken by each org change that moves credit between units; waits for deal events in flight. */
    public static void lockExclusive(Connection connection) throws SQLException {
        lock(connection, "pg_advisory_xact_lock");
    }

    /** What one deal contributes now, per cell, from the read model and the current org. */
    public static Map<Cell, BigDecimal> ofDeal(Connection connection, UUID dealId) throws SQLException {
        return contributions(connection, "deal_id", dealId);
    }

    /** What the deals of one owner contribute now, per cell. */
    public static Map<Cell, BigDecimal> ofOwner(Connection connection, String ownerId) throws SQLException {
        return contributions(connection, "owner_id", ownerId);
    }

    /** {@code after − before} per cell; cells that did not change are absent. */
    public static Map<Cell, BigDecimal> change(Map<Cell, BigDecimal> before, Map<Cell, BigDecimal> after) {
        Map<Cell, BigDecimal> change = new TreeMap<>(CELL_ORDER);
        after.forEach((cell, value) -> change.merge(cell, value, BigDecimal::add));
        before.forEach((cell, value) -> change.merge(cell, value.negate(), BigDecimal::add));
        change.values().removeIf(value -> value.signum() == 0);
        return change;
    }

    /** The cells summed over the dimensions; totals that come to nothing are absent. */
    static Map<Total, BigDecimal> totals(Map<Cell, BigDecimal> cells) {
        Map<Total, BigDecimal> totals = new TreeMap<>(TOTAL_ORDER);
        cells.forEach((cell, value) -> totals.merge(cell.total(), value, BigDecimal::add));
        totals.values().removeIf(value -> value.signum() == 0);
        return totals;
    }

    /** Adds a {@link #change} to the rollup; a cell that comes to nothing is removed. */
    public static void add(Connection connection, Map<Cell, BigDecimal> change) throws SQLException {
        if (change.isEmpty()) {
            return;
        }
        List<Map.Entry<Cell, BigDecimal>> cells = new ArrayList<>(change.entrySet());
        cells.sort(Map.Entry.comparingByKey(CELL_ORDER));
        try (PreparedStatement upsert = connection.prepareStatement("insert into unit_actual_detail (" + CELL_COLUMNS
                + ", value) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (" + CELL_COLUMNS
                + ") do update set value = unit_actual_detail.value + excluded.value");
             PreparedStatement empty = connection.prepareStatement("""
                     delete from unit_actual_detail where org_unit_id = ? and source = ? and currency = ? and day = ?
                         and product_line is not distinct from ? and region is not distinct from ?
                         and customer_tier is not distinct from ? and channel is not distinct from ?
                         and new_customer = ? and value = 0""")) {
            for (Map.Entry<Cell, BigDecimal> entry : cells) {
                int next = bindCell(upsert, entry.getKey());
                upsert.setBigDecimal(next, entry.getValue());
                upsert.addBatch();
                bindCell(empty, entry.getKey());
                empty.addBatch();
            }
            upsert.executeBatch();
            empty.executeBatch();
        }
        Map<Total, BigDecimal> totals = totals(change);
        if (totals.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement("""
                insert into unit_actual (org_unit_id, source, currency, day, value) values (?, ?, ?, ?, ?)
                on conflict (org_unit_id, source, currency, day) do update set value = unit_actual.value + excluded.value""");
             PreparedStatement empty = connection.prepareStatement("""
                     delete from unit_actual where org_unit_id = ? and source = ? and currency = ? and day = ?
                         and value = 0""")) {
            for (Map.Entry<Total, BigDecimal> entry : totals.entrySet()) {
                int next = bindTotal(upsert, entry.getKey());
                upsert.setBigDecimal(next, entry.getValue());
                upsert.addBatch();
                bindTotal(empty, entry.getKey());
                empty.addBatch();
            }
            upsert.executeBatch();
            empty.executeBatch();
        }
    }

    /**
     * A unit moved with its subtree: what it holds (its subtree's actuals) leaves the ancestors it no longer
     * has and joins the ones it gained. Ancestors it keeps are unchanged, as is everything in the subtree.
     */
    public static void moveUnit(Connection connection, UUID unit, Collection<UUID> leftAncestors,
                                Collection<UUID> joinedAncestors) throws SQLException {
        shift(connection, unit, leftAncestors, -1);
        shift(connection, unit, joinedAncestors, 1);
    }

    private static void shift(Connection connection, UUID unit, Collection<UUID> ancestors, int sign)
            throws SQLException {
        if (ancestors.isEmpty()) {
            return;
        }
        Array targets = connection.createArrayOf("uuid", ancestors.stream().sorted().toArray());
        try (PreparedStatement detail = connection.prepareStatement("insert into unit_actual_detail (" + CELL_COLUMNS
                + ", value) select a.unit_id, r.source, r.currency, r.day, r.product_line, r.region, r.customer_tier,"
                + " r.channel, r.new_customer, r.value * ? from unnest(?::uuid[]) as a (unit_id)"
                + " cross join unit_actual_detail r where r.org_unit_id = ?"
                + " on conflict (" + CELL_COLUMNS + ") do update set value = unit_actual_detail.value + excluded.value");
             PreparedStatement total = connection.prepareStatement("""
                     insert into unit_actual (org_unit_id, source, currency, day, value)
                     select a.unit_id, r.source, r.currency, r.day, r.value * ?
                     from unnest(?::uuid[]) as a (unit_id) cross join unit_actual r where r.org_unit_id = ?
                     on conflict (org_unit_id, source, currency, day) do update set value = unit_actual.value + excluded.value""");
             PreparedStatement emptyDetail = connection.prepareStatement(
                     "delete from unit_actual_detail where org_unit_id = any (?::uuid[]) and value = 0");
             PreparedStatement emptyTotal = connection.prepareStatement(
                     "delete from unit_actual where org_unit_id = any (?::uuid[]) and value = 0")) {
            for (PreparedStatement statement : List.of(detail, total)) {
                statement.setInt(1, sign);
                statement.setArray(2, targets);
                statement.setObject(3, unit);
                statement.executeUpdate();
            }
            for (PreparedStatement statement : List.of(emptyDetail, emptyTotal)) {
                statement.setArray(1, targets);
                statement.executeUpdate();
            }
        }
    }

    /**
     * The actual of a unit's subtree per day (days without any are absent): one row per day from
     * {@code unit_actual} without a filter, the matching combinations of {@code unit_actual_detail} with one.
     */
    public static SortedMap<LocalDate, BigDecimal> daily(Connection connection, UUID unit, ActualSource source,
                                                         DealFilter filter, String currency, LocalDate from,
                                                         LocalDate to) throws SQLException {
        boolean filtered = !filter.equals(DealFilter.ANY);
        StringBuilder sql = new StringBuilder(filtered
                ? "select day, sum(value) from unit_actual_detail" : "select day, value from unit_actual");
        sql.append(" where org_unit_id = ? and source = ? and currency = ? and day between ? and ?");
        List<Object> params = new ArrayList<>(List.of(unit, source.name(), source.isMoney() ? currency : "",
                Date.valueOf(from), Date.valueOf(to)));
        where(sql, params, "product_line", filter.productLine());
        where(sql, params, "region", filter.region());
        where(sql, params, "customer_tier", filter.customerTier());
        where(sql, params, "channel", filter.channel());
        where(sql, params, "new_customer", filter.newCustomer());
        if (filtered) {
            sql.append(" group by day");
        }
        SortedMap<LocalDate, BigDecimal> daily = new TreeMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    daily.put(rs.getDate(1).toLocalDate(), rs.getBigDecimal(2));
                }
            }
        }
        return daily;
    }

    private static void where(StringBuilder sql, List<Object> params, String column, Object value) {
        if (value != null) {
            sql.append(" and ").append(column).append(" = ?");
            params.add(value);
        }
    }

    private static Map<Cell, BigDecimal> contributions(Connection connection, String column, Object key)
            throws SQLException {
        Map<Cell, BigDecimal> cells = new TreeMap<>(CELL_ORDER);
        try (PreparedStatement ps = connection.prepareStatement("select " + CELL_COLUMNS + ", sum(value)"
                + " from credited_contribution where " + column + " = ? group by " + CELL_COLUMNS)) {
            ps.setObject(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Cell cell = new Cell(rs.getObject(1, UUID.class), ActualSource.valueOf(rs.getString(2)),
                            rs.getString(3), rs.getDate(4).toLocalDate(), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getString(8), rs.getBoolean(9));
                    cells.merge(cell, rs.getBigDecimal(10), BigDecimal::add);
                }
            }
        }
        return cells;
    }

    private static int bindCell(PreparedStatement ps, Cell cell) throws SQLException {
        int next = bindTotal(ps, cell.total());
        ps.setString(next++, cell.productLine());
        ps.setString(next++, cell.region());
        ps.setString(next++, cell.customerTier());
        ps.setString(next++, cell.channel());
        ps.setBoolean(next++, cell.newCustomer());
        return next;
    }

    private static int bindTotal(PreparedStatement ps, Total total) throws SQLException {
        ps.setObject(1, total.orgUnitId());
        ps.setString(2, total.source().name());
        ps.setString(3, total.currency());
        ps.setDate(4, Date.valueOf(total.day()));
        return 5;
    }

    private static void lock(Connection connection, String function) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select " + function + "(?)")) {
            ps.setLong(1, ROLLUP_LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
    }
}

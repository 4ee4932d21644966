package io.attain.bench;

import io.attain.events.Money;
import io.attain.incentive.domain.commission.CommissionPeriod;
import io.attain.incentive.domain.commission.Credit;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * incentive-service's ledger tables in a PostgreSQL database, as far as a calculation reads them: the credit
 * entries ({@code credit_entry}, same columns and indexes as V1), their facts ({@code credit_entry_fact}, as V3)
 * and the quotas ({@code quota}, as V1). Loads a {@link CommissionQuarterFixture} with {@code COPY} and reads a
 * quarter back the way a recalculation needs it: one streamed join, fetched in batches.
 */
final class LedgerDatabase {

    static final int FETCH_SIZE = 10_000;
    private static final String SCHEMA = """
            create table credit_entry (
                id                uuid primary key,
                seq               bigint generated always as identity unique,
                member_id         varchar(255)  not null,
                deal_id           uuid          not null,
                kind              varchar(20)   not null,
                amount            numeric(19, 4) not null,
                currency          varchar(3)    not null,
                deal_version      bigint        not null,
                source_event_id   varchar(200)  not null,
                reverses_entry_id uuid unique references credit_entry (id),
                recorded_at       timestamptz   not null
            );
            create index credit_entry_member on credit_entry (member_id, seq);
            create index credit_entry_deal on credit_entry (deal_id);
            create table credit_entry_fact (
                entry_id      uuid primary key references credit_entry (id),
                effective_on  date          not null,
                business_on   date          not null,
                product_line  varchar(255),
                channel       varchar(255),
                new_customer  boolean       not null,
                reason        varchar(100)  not null
            );
            create table quota (
                target_id    uuid primary key,
                version      bigint        not null,
                member_id    varchar(255),
                org_unit_id  uuid          not null,
                metric       varchar(30)   not null,
                period_start date          not null,
                period_end   date          not null,
                amount       numeric(19, 4),
                currency     varchar(3),
                quantity     numeric(19, 4)
            );
            create index quota_member on quota (member_id, period_start);""";
    private static final String CREDITS_OF_WINDOW = """
            select e.id, e.deal_id, e.member_id, e.amount, e.currency, f.effective_on, f.product_line, f.channel,
                   f.new_customer
            from credit_entry e join credit_entry_fact f on f.entry_id = e.id
            where e.kind = 'CREDIT' and f.effective_on between ? and ?
              and not exists (select 1 from credit_entry r where r.reverses_entry_id = e.id)""";
    private static final String QUOTAS_OF_WINDOW = """
            select member_id, amount, currency from quota
            where metric = 'REVENUE' and amount is not null and period_start >= ? and period_end <= ?""";

    private final DataSource database;

    LedgerDatabase(DataSource database) {
        this.database = database;
    }

    /** Creates the tables and loads the fixture's credits (as CREDIT entries with their facts) and quotas. */
    void load(CommissionQuarterFixture fixture) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(SCHEMA);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            int batch = 50_000;
            List<Credit> credits = fixture.credits;
            for (int from = 0; from < credits.size(); from += batch) {
                List<Credit> slice = credits.subList(from, Math.min(credits.size(), from + batch));
                StringBuilder entries = new StringBuilder();
                StringBuilder facts = new StringBuilder();
                for (int i = 0; i < slice.size(); i++) {
                    Credit credit = slice.get(i);
                    UUID id = new UUID(0, from + i);
                    entries.append(id).append(',').append(credit.memberId()).append(',').append(new UUID(1, from + i))
                            .append(",CREDIT,").append(credit.amount().amount().toPlainString()).append(',')
                            .append(credit.amount().currency()).append(",1,event-").append(from + i)
                            .append(",2025-04-01T00:00:00Z\n");
                    facts.append(id).append(',').append(credit.bookedOn()).append(',').append(credit.bookedOn()).append(',')
                            .append(credit.productLine()).append(',').append(credit.channel()).append(',')
                            .append(credit.newCustomer()).append(",WON\n");
                }
                copy(copy, "copy credit_entry (id, member_id, deal_id, kind, amount, currency, deal_version, source_event_id,"
                        + " recorded_at) from stdin with (format csv)", entries);
                copy(copy, "copy credit_entry_fact (entry_id, effective_on, business_on, product_line, channel, new_customer,"
                        + " reason) from stdin with (format csv)", facts);
            }
            try (PreparedStatement quota = connection.prepareStatement("""
                    insert into quota (target_id, version, member_id, org_unit_id, metric, period_start, period_end, amount, currency)
                    values (?, 1, ?, ?, 'REVENUE', ?, ?, ?, ?)""")) {
                int n = 0;
                for (Map.Entry<String, Money> entry : fixture.quotas.entrySet()) {
                    quota.setObject(1, new UUID(2, n++));
                    quota.setString(2, entry.getKey());
                    quota.setObject(3, new UUID(3, 0));
                    quota.setDate(4, Date.valueOf(CommissionQuarterFixture.QUARTER.start()));
                    quota.setDate(5, Date.valueOf(CommissionQuarterFixture.QUARTER.end()));
                    quota.setBigDecimal(6, entry.getValue().amount());
                    quota.setString(7, entry.getValue().currency());
                    quota.addBatch();
                }
                quota.executeBatch();
            }
            statement.execute("analyze");
        }
    }

    private Connection reader;

    /** CPU used so far by the backend that serves {@link #readQuarter} (the same connection every time). */
    long backendCpuMillis() throws SQLException {
        try (Statement statement = reader().createStatement(); ResultSet pid = statement.executeQuery("select pg_backend_pid()")) {
            pid.next();
            long millis = LedgerReadFootprint.cpuMillisOf(pid.getLong(1));
            reader().commit();
            return millis;
        }
    }

    private Connection reader() throws SQLException {
        if (reader == null) {
            reader = database.getConnection();
            reader.setAutoCommit(false);
        }
        return reader;
    }

    /** The window's credits (those not reversed) and quotas, as the engine takes them. */
    Quarter readQuarter(CommissionPeriod window) throws SQLException {
        List<Credit> credits = new ArrayList<>(1 << 20);
        Map<String, Money> quotas = new LinkedHashMap<>();
        // Member ids, product lines and channels repeat on every row: keep one copy of each.
        Map<String, String> names = new HashMap<>();
        Connection connection = reader();
        // A fetch size makes the driver read through a cursor, and PostgreSQL plans cursors for the first rows
        // (index nested loops, 2-3x slower over the whole ledger); the engine wants all rows, in any order.
        try (Statement settings = connection.createStatement()) {
            settings.execute("set local cursor_tuple_fraction = 1.0");
        }
        try (PreparedStatement query = connection.prepareStatement(CREDITS_OF_WINDOW)) {
            query.setFetchSize(FETCH_SIZE);
            query.setDate(1, Date.valueOf(window.start()));
            query.setDate(2, Date.valueOf(window.end()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String currency = names.computeIfAbsent(rows.getString(5), c -> c);
                    BigDecimal amount = rows.getBigDecimal(4).setScale(Money.minorUnits(currency), RoundingMode.UNNECESSARY);
                    credits.add(new Credit(rows.getString(1), rows.getString(2), names.computeIfAbsent(rows.getString(3), m -> m),
                            Money.of(amount, currency), intern(names, rows.getString(7)), intern(names, rows.getString(8)),
                            rows.getBoolean(9), rows.getDate(6).toLocalDate(), List.of()));
                }
            }
        }
        try (PreparedStatement query = connection.prepareStatement(QUOTAS_OF_WINDOW)) {
            query.setDate(1, Date.valueOf(window.start()));
            query.setDate(2, Date.valueOf(window.end()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String currency = rows.getString(3);
                    quotas.merge(rows.getString(1), Money.of(rows.getBigDecimal(2)
                            .setScale(Money.minorUnits(currency), RoundingMode.UNNECESSARY), currency), Money::plus);
                }
            }
        }
        connection.commit();
        return new Quarter(credits, quotas);
    }

    private static String intern(Map<String, String> names, String value) {
        return value == null ? null : names.computeIfAbsent(value, v -> v);
    }

    private static void copy(CopyManager copy, String sql, CharSequence rows) throws SQLException {
        try (Reader reader = new StringReader(rows.toString())) {
            copy.copyIn(sql, reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Quarter(List<Credit> credits, Map<String, Money> quotas) {
    }
}

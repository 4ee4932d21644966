package io.attain.bench;

import io.attain.testing.Infrastructure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL's own account of a phase, by statement ({@code pg_stat_statements}): calls, execution time and rows of the
 * costliest statements. Only when the embedded server was started with it, i.e. with
 * {@code -Dattain.test.pg-stat-statements=true}; otherwise both methods do nothing.
 */
public final class StatementStatistics {

    private StatementStatistics() {
    }

    public static boolean enabled() {
        return Boolean.getBoolean(Infrastructure.STATEMENT_STATISTICS_PROPERTY);
    }

    /** Forgets what was counted so far: call it when the phase to account for begins. */
    public static void reset(Connection db) throws SQLException {
        if (!enabled()) {
            return;
        }
        try (Statement statement = db.createStatement()) {
            statement.execute("create extension if not exists pg_stat_statements");
            statement.execute("select pg_stat_statements_reset()");
        }
    }

    /** Prints the {@code top} statements by total execution time since the last {@link #reset}. */
    public static void print(Connection db, String phase, int top) throws SQLException {
        if (!enabled()) {
            return;
        }
        System.out.printf("PostgreSQL's costliest statements during %s (calls, total and mean execution time, rows):%n", phase);
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("""
                     select calls, total_exec_time, total_exec_time / calls, rows,
                            left(regexp_replace(query, '\\s+', ' ', 'g'), 110)
                     from pg_stat_statements where calls > 0 order by total_exec_time desc limit %d""".formatted(top))) {
            while (rows.next()) {
                System.out.printf("  %8d %9.1f ms %7.3f ms %8d  %s%n", rows.getLong(1), rows.getDouble(2), rows.getDouble(3),
                        rows.getLong(4), rows.getString(5));
            }
        }
    }
}

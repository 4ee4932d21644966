package io.attain.incentive.service;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Plain SQL over the transaction's connection, for the hot paths of deal events and recalculations: a Hibernate
 * query costs several times the CPU of the same statement through JDBC (query plan lookup, parameter and result
 * mapping, an auto-flush check over the persistence context), and the rows read here are values, never changed, so
 * they need not be managed entities. Collections are bound as one SQL array ({@code = any (?)}), so the statement text, and
 * the driver's prepared statement, are the same whatever their size.
 */
final class Rows {

    /** Sets the statement's parameters; the connection creates arrays. */
    @FunctionalInterface
    interface Binder {
        void bind(Connection connection, PreparedStatement query) throws SQLException;
    }

    /** One value from the current row. */
    @FunctionalInterface
    interface Reader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private Rows() {
    }

    static <T> List<T> list(EntityManager em, String sql, Binder binder, Reader<T> reader) {
        List<T> values = new ArrayList<>();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                binder.bind(connection, query);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        values.add(reader.read(rows));
                    }
                }
            }
        });
        return values;
    }

    /** Binds {@code value}, or SQL null of type uuid. */
    static void setUuid(PreparedStatement statement, int index, UUID value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.OTHER);
        } else {
            statement.setObject(index, value);
        }
    }

    /** Binds {@code value}, or SQL null of type numeric. */
    static void setDecimal(PreparedStatement statement, int index, BigDecimal value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NUMERIC);
        } else {
            statement.setBigDecimal(index, value);
        }
    }

    /** Fails when an insert of a JDBC batch did not write exactly one row. */
    static void requireOneRowEach(int[] counts, String table) throws SQLException {
        for (int count : counts) {
            if (count != 1 && count != PreparedStatement.SUCCESS_NO_INFO) {
                throw new SQLException("an insert into " + table + " wrote " + count + " rows");
            }
        }
    }

    /** Runs one statement that returns no rows; how many rows it changed. */
    static int update(EntityManager em, String sql, Binder binder) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(connection, statement);
                return statement.executeUpdate();
            }
        });
    }
}

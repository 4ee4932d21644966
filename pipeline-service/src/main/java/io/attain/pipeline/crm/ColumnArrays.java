package io.attain.pipeline.crm;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Rows sent to PostgreSQL as one array per column and turned back into rows by {@code unnest}: any number of rows
 * in one statement whose text never changes, so it is prepared once and shares a round trip with other statements.
 * Values travel in their text form and are cast to the column's type by the statement.
 */
final class ColumnArrays {

    private final List<String> names = new ArrayList<>();
    private final List<String> types = new ArrayList<>();
    private final List<List<String>> columns = new ArrayList<>();

    /** Adds a column: its name in the table and its PostgreSQL type, e.g. {@code timestamptz}. */
    ColumnArrays column(String name, String type) {
        names.add(name);
        types.add(type);
        columns.add(new ArrayList<>());
        return this;
    }

    /** Adds a row: one value per column, in column order; {@code null} for SQL null. */
    void row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns");
        }
        for (int i = 0; i < values.length; i++) {
            columns.get(i).add(text(values[i]));
        }
    }

    boolean isEmpty() {
        return columns.isEmpty() || columns.getFirst().isEmpty();
    }

    /** The column names, comma-separated, in order. */
    String names() {
        return String.join(", ", names);
    }

    /** {@code unnest(?::uuid[], ?::text[], ...)}: the rows, one parameter per column. */
    String unnest() {
        return types.stream().map(type -> "?::" + type + "[]").collect(Collectors.joining(", ", "unnest(", ")"));
    }

    /**
     * Binds the columns from parameter {@code first} on.
     *
     * @return the next parameter index
     */
    int bind(Connection connection, PreparedStatement statement, int first) throws SQLException {
        int index = first;
        for (List<String> column : columns) {
            statement.setArray(index++, connection.createArrayOf("text", column.toArray()));
        }
        return index;
    }

    private static String text(Object value) {
        return switch (value) {
            case null -> null;
            case BigDecimal decimal -> decimal.toPlainString();
            case Enum<?> constant -> constant.name();
            default -> value.toString();
        };
    }
}

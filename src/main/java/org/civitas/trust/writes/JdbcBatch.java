package org.civitas.trust.writes;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Multi-row INSERTs in chunks: one round trip per chunk instead of one per row (the audit sequencer),
 * and the SQL {@link TrustWrites} joins into one round trip. A chunk stays far under PostgreSQL's
 * 65,535 parameters per statement.
 */
public final class JdbcBatch {

    static final int ROWS_PER_STATEMENT = 500;

    private JdbcBatch() {
    }

    public static void insert(JdbcOperations jdbc, String singleRowInsert, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int values = singleRowInsert.indexOf("values");
        String head = singleRowInsert.substring(0, values + "values".length());
        String tuple = singleRowInsert.substring(values + "values".length()).trim();
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            StringBuilder sql = new StringBuilder();
            append(sql, head, tuple, chunk.size());
            Object[] parameters = parameters(chunk);
            jdbc.update(sql.toString(), statement -> bind(statement, 1, parameters));
        }
    }

    /** Appends {@code head (tuple), (tuple), ...} with {@code rows} tuples. */
    static void append(StringBuilder sql, String head, String tuple, int rows) {
        sql.append(head);
        for (int r = 0; r < rows; r++) {
            sql.append(r == 0 ? " " : ", ").append(tuple);
        }
    }

    /**
     * Binds the values by their Java type. Spring's generic setter looks each value's SQL type up
     * again for every parameter of every request; the trust rows only ever hold these types.
     */
    static int bind(PreparedStatement statement, int first, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            int index = first + i;
            if (value instanceof byte[] bytes) {
                statement.setBytes(index, bytes);
            } else if (value instanceof String text) {
                statement.setString(index, text);
            } else if (value instanceof Timestamp time) {
                statement.setTimestamp(index, time);
            } else if (value instanceof Long number) {
                statement.setLong(index, number);
            } else if (value == null) {
                statement.setNull(index, Types.NULL);
            } else {
                statement.setObject(index, value); // UUID, Short, Integer: pgjdbc maps them itself
            }
        }
        return first + values.length;
    }

    /** The rows' values, one after the other, in the order of the tuples. */
    static Object[] parameters(List<Object[]> rows) {
        Object[] parameters = new Object[rows.stream().mapToInt(row -> row.length).sum()];
        int p = 0;
        for (Object[] row : rows) {
            for (Object value : row) {
                parameters[p++] = value;
            }
        }
        return parameters;
    }
}

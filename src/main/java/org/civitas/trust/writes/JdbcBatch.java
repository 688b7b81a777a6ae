package org.civitas.trust.writes;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Multi-row INSERTs in chunks: one round trip per chunk instead of one per row (the audit sequencer),
 * and the SQL {@link TrustWrites} joins into one round trip. A chunk stays far under PostgreSQL's
 * 65,535 parameters per statement.
 */
public final class JdbcBatch {

    static final int ROWS_PER_STATEMENT = 500;

    private JdbcBatch() {
    }

    public static void insert(JdbcClient jdbc, String singleRowInsert, List<Object[]> rows) {
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
            jdbc.sql(sql.toString()).params(parameters(chunk)).update();
        }
    }

    /** Appends {@code head (tuple), (tuple), ...} with {@code rows} tuples. */
    static void append(StringBuilder sql, String head, String tuple, int rows) {
        sql.append(head);
        for (int r = 0; r < rows; r++) {
            sql.append(r == 0 ? " " : ", ").append(tuple);
        }
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

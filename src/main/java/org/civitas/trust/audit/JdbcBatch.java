package org.civitas.trust.audit;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Multi-row INSERTs in chunks: one round trip per chunk instead of one per row. */
final class JdbcBatch {

    private static final int ROWS_PER_STATEMENT = 500;

    private JdbcBatch() {
    }

    static void insert(JdbcClient jdbc, String singleRowInsert, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int values = singleRowInsert.indexOf("values");
        String head = singleRowInsert.substring(0, values + "values".length());
        String tuple = singleRowInsert.substring(values + "values".length()).trim();
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            StringBuilder sql = new StringBuilder(head);
            Object[] params = new Object[chunk.size() * chunk.get(0).length];
            int p = 0;
            for (int r = 0; r < chunk.size(); r++) {
                sql.append(r == 0 ? " " : ", ").append(tuple);
                for (Object value : chunk.get(r)) {
                    params[p++] = value;
                }
            }
            jdbc.sql(sql.toString()).params(params).update();
        }
    }
}

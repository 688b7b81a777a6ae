package org.civitas.trust.writes;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.civitas.platform.WritesAtCommit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The rows the trust module adds to a change's transaction (a new person's data key, the change's
 * audit entries), held until the transaction commits and then inserted together. A request with
 * contact details used to make a round trip for its data key and another for its audit entry; each
 * costs the server and PostgreSQL more CPU than the row. Under the platform's transaction manager the
 * rows go with the COMMIT itself, in its round trip ({@link WritesAtCommit}, decision 0011); under
 * any other, in a round trip of their own just before it (decision 0010).
 * <p>
 * The rows still commit or roll back with the change. Outside a transaction, or once the
 * transaction's rows have gone, a row is inserted at once. Code that reads or changes these tables
 * inside the same transaction calls {@link #flush()} first.
 */
@Component
public class TrustWrites implements WritesAtCommit {

    private final JdbcTemplate jdbc;

    TrustWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a row into {@code table} with the transaction's other trust rows (at once outside a transaction). */
    public void insert(String table, String columns, Object... values) {
        Pending pending = pending();
        if (pending == null || pending.flushed) {
            execute(List.of(new Row(table, columns, values)));
        } else {
            pending.rows.add(new Row(table, columns, values));
        }
    }

    /** Inserts the rows held for the current transaction now. */
    public void flush() {
        if (TransactionSynchronizationManager.getResource(this) instanceof Pending pending) {
            pending.writeNow();
        }
    }

    private Pending pending() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        return pending;
    }

    private record Row(String table, String columns, Object[] values) {
    }

    /**
     * One multi-row statement per table and column list (in chunks of {@link JdbcBatch#ROWS_PER_STATEMENT}),
     * in the order the rows came (audit entries keep their order in the queue); all of them in one
     * PreparedStatement, which pgjdbc sends in one round trip.
     */
    private void execute(List<Row> rows) {
        Statements statements = statements(rows);
        if (statements == null) {
            return;
        }
        jdbc.execute(statements.sql(), (PreparedStatementCallback<Void>) statement -> {
            statements.bind(statement, 1);
            statement.execute();
            return null;
        });
    }

    private static Statements statements(List<Row> rows) {
        if (rows.isEmpty()) {
            return null;
        }
        Map<String, List<Object[]>> byTable = new LinkedHashMap<>();
        for (Row row : rows) {
            byTable.computeIfAbsent("insert into " + row.table() + " (" + row.columns() + ") values", k -> new ArrayList<>())
                    .add(row.values());
        }
        StringBuilder sql = new StringBuilder();
        List<Object[]> ordered = new ArrayList<>(rows.size());
        byTable.forEach((head, group) -> {
            String tuple = "(" + "?, ".repeat(group.get(0).length - 1) + "?)";
            for (int from = 0; from < group.size(); from += JdbcBatch.ROWS_PER_STATEMENT) {
                List<Object[]> chunk = group.subList(from, Math.min(group.size(), from + JdbcBatch.ROWS_PER_STATEMENT));
                if (!sql.isEmpty()) {
                    sql.append(";\n");
                }
                JdbcBatch.append(sql, head, tuple, chunk.size());
                ordered.addAll(chunk);
            }
        });
        return new Statements(sql.toString(), JdbcBatch.parameters(ordered));
    }

    private record Statements(String sql, Object[] parameters) implements Held {
        @Override
        public int bind(PreparedStatement statement, int first) throws SQLException {
            return JdbcBatch.bind(statement, first, parameters);
        }
    }

    /** Called by the platform's transaction manager just before the commit starts: the rows now wait for it. */
    @Override
    public void holdForCommit() {
        if (TransactionSynchronizationManager.getResource(this) instanceof Pending pending) {
            pending.heldForCommit = true;
        }
    }

    @Override
    public Held takeForCommit() {
        if (TransactionSynchronizationManager.getResource(this) instanceof Pending pending) {
            Statements statements = statements(pending.rows);
            pending.rows.clear();
            pending.flushed = true;
            return statements;
        }
        return null;
    }

    private final class Pending implements TransactionSynchronization {
        private final List<Row> rows = new ArrayList<>();
        private boolean flushed;
        private boolean heldForCommit;

        void writeNow() {
            List<Row> now = new ArrayList<>(rows);
            rows.clear();
            execute(now);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (heldForCommit) {
                return; // the commit carries them, and any that come before it
            }
            writeNow();
            // rows that come later (another synchronization publishing an event) are inserted at once
            flushed = true;
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResourceIfPossible(TrustWrites.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(TrustWrites.this, this);
        }

        @Override
        public void afterCompletion(int status) {
            rows.clear();
            TransactionSynchronizationManager.unbindResourceIfPossible(TrustWrites.this);
        }
    }
}

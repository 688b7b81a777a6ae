package org.civitas.platform.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After every migration run (Flyway's {@code afterMigrate}, on the owner's connection), gives the
 * application's role what it needs and nothing more (decision 0018): it reads and writes the rows of
 * every table in every schema of the database, whichever migration made them (so tables other
 * modules add later are covered on their first start), but the audit log, its nodes and checkpoints
 * only take its INSERTs and SELECTs, and the audit queue its INSERTs, SELECTs and DELETEs. It owns
 * nothing, so it can neither switch a trigger off nor alter or drop a table. Tables the owner makes
 * outside a migration run get the same rights by default privileges. Nothing is done when the
 * application runs as the owner (an external database with no migration user).
 */
final class DatabaseRoles implements Callback {

    private static final Logger log = LoggerFactory.getLogger(DatabaseRoles.class);
    static final List<String> APPEND_ONLY = List.of("trust.audit_log", "trust.audit_node", "trust.audit_checkpoint");

    private final String applicationRole;

    DatabaseRoles(String applicationRole) {
        this.applicationRole = applicationRole;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        if (applicationRole == null) {
            log.warn("Civitas runs as the role that owns its tables (CIVITAS_DATABASE_MIGRATION_USER is not set): "
                    + "that role could switch the audit log's triggers off. Set a separate migration user; see docs/operations.md.");
            return;
        }
        try {
            grant(context.getConnection(), applicationRole);
        } catch (SQLException e) {
            throw new IllegalStateException("could not grant the application's role its rights (SQL state " + e.getSQLState() + ")", e);
        }
    }

    static void grant(Connection connection, String role) throws SQLException {
        String app = identifier(role);
        List<String> schemas = new ArrayList<>();
        try (Statement select = connection.createStatement();
             var rows = select.executeQuery("select nspname from pg_namespace where nspname not like 'pg\\_%' and nspname <> 'information_schema' order by 1")) {
            while (rows.next()) {
                schemas.add(rows.getString(1));
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String schema : schemas) {
                String s = identifier(schema);
                statement.addBatch("grant usage on schema " + s + " to " + app);
                statement.addBatch("grant select, insert, update, delete on all tables in schema " + s + " to " + app);
                statement.addBatch("grant usage, select on all sequences in schema " + s + " to " + app);
            }
            // the migrations' own record is the owner's
            statement.addBatch("do $$ begin if to_regclass('public.flyway_schema_history') is not null then "
                    + "revoke all on public.flyway_schema_history from " + app + "; end if; end $$");
            for (String table : APPEND_ONLY) {
                statement.addBatch("do $$ begin if to_regclass('" + table + "') is not null then "
                        + "revoke update, delete, truncate, references, trigger on " + table + " from " + app + "; end if; end $$");
            }
            statement.addBatch("do $$ begin if to_regclass('trust.audit_queue') is not null then "
                    + "revoke update, truncate, references, trigger on trust.audit_queue from " + app + "; end if; end $$");
            statement.addBatch("alter default privileges grant select, insert, update, delete on tables to " + app);
            statement.addBatch("alter default privileges grant usage, select on sequences to " + app);
            statement.executeBatch();
        }
    }

    private static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    @Override
    public String getCallbackName() {
        return "civitas-database-roles";
    }
}

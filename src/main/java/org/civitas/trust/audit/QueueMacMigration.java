package org.civitas.trust.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Migration 14.2: entries queued before queue rows carried a MAC (migration 14.1) get theirs, so the
 * sequencer does not refuse what an earlier Civitas wrote. It runs in Java because the key is never
 * in the database. Spring Boot hands every {@link JavaMigration} bean to Flyway.
 */
@Component
class QueueMacMigration implements JavaMigration {

    private final org.civitas.platform.CivitasProperties properties;
    private final String configuredKey;

    /** The key as the sequencer loads it (not the sequencer itself: it uses JDBC beans that wait for Flyway). */
    QueueMacMigration(org.civitas.platform.CivitasProperties properties,
                      @org.springframework.beans.factory.annotation.Value("${civitas.audit.signing-key:}") String configuredKey) {
        this.properties = properties;
        this.configuredKey = configuredKey;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("14.2");
    }

    @Override
    public String getDescription() {
        return "trust audit queue mac";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        AuditSigningKey key = AuditSigningKey.load(configuredKey, properties.dataDir(), true);
        try (PreparedStatement select = context.getConnection().prepareStatement("select id, entry from trust.audit_queue where mac is null");
             PreparedStatement update = context.getConnection().prepareStatement("update trust.audit_queue set mac = ? where id = ?");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                update.setBytes(1, key.queueMac(rows.getBytes(2)));
                update.setLong(2, rows.getLong(1));
                update.addBatch();
            }
            update.executeBatch();
        }
    }
}

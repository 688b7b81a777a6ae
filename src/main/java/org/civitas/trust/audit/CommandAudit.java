package org.civitas.trust.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Audit entries for the jar's commands, which run without a Spring context and so without the
 * {@link AuditRecorder} listening: the same entry the recorder would queue for the event, queued on
 * the command's connection so that it commits with the command's change. The actor is {@code system}.
 */
public final class CommandAudit {

    private CommandAudit() {
    }

    /** Queues the entry with its MAC under the audit signing key (the command loads it as the server does). */
    public static void queue(Connection connection, AuditSigningKey key, Record event, Instant time) throws SQLException {
        String module = AuditRecorder.module(event.getClass());
        if (module == null) {
            throw new IllegalArgumentException(event.getClass().getName() + " is not a domain event");
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into trust.audit_queue (entry, mac) values (?, ?)")) {
            byte[] entry = CanonicalJson.bytes(AuditRecorder.entry(module, event, time));
            insert.setBytes(1, entry);
            insert.setBytes(2, key.queueMac(entry));
            insert.executeUpdate();
        }
    }
}

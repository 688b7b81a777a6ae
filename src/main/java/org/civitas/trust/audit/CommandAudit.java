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

    public static void queue(Connection connection, Record event, Instant time) throws SQLException {
        String module = AuditRecorder.module(event.getClass());
        if (module == null) {
            throw new IllegalArgumentException(event.getClass().getName() + " is not a domain event");
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into trust.audit_queue (entry) values (?)")) {
            insert.setBytes(1, CanonicalJson.bytes(AuditRecorder.entry(module, event, time)));
            insert.executeUpdate();
        }
    }
}

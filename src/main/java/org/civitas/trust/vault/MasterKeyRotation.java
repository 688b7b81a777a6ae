package org.civitas.trust.vault;

import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.civitas.trust.MasterKeyRotated;
import org.civitas.trust.audit.CommandAudit;

/**
 * Re-wraps every data key and the look-up key under a new master key, on the caller's connection
 * and in the caller's transaction (the caller commits). Sealed values and look-up hashes are not
 * touched. It is run only by {@code vault rotate-master-key}, which holds the nodes' lock
 * exclusively: no node can be making data keys under the old key meanwhile.
 */
final class MasterKeyRotation {

    /** Rows re-wrapped per batch, and read per fetch: memory stays flat however many people there are. */
    private static final int BATCH = 1000;

    private MasterKeyRotation() {
    }

    /** Whether the key opens the database's check value, i.e. is the key the data is sealed under. */
    static boolean isCurrent(Connection connection, MasterKey key) throws SQLException {
        byte[] check = recorded(connection, false).checkValue();
        return check != null && opens(key, check);
    }

    static String fingerprint(Connection connection) throws SQLException {
        return recorded(connection, false).fingerprint();
    }

    /** @return how many data keys were re-wrapped */
    /** {@code auditKey} null: not audited (CIVITAS_AUDIT=off); else the entry is queued with its MAC under that key. */
    static int rotate(Connection connection, MasterKey current, MasterKey next, Instant now,
                      org.civitas.trust.audit.AuditSigningKey auditKey) throws SQLException {
        Recorded recorded = recorded(connection, true);
        if (recorded.checkValue() == null || !opens(current, recorded.checkValue())) {
            throw new IllegalStateException("the current master key does not open the database's check value");
        }
        byte[] lookup = lookupKey(current, recorded.lookupKeyWrapped());
        int count = 0;
        try (PreparedStatement select = connection.prepareStatement(
                "select subject_id, wrapped_key from trust.data_key where wrapped_key is not null for update");
             PreparedStatement update = connection.prepareStatement("update trust.data_key set wrapped_key = ? where subject_id = ?")) {
            select.setFetchSize(BATCH);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    UUID subject = rows.getObject(1, UUID.class);
                    byte[] subjectBytes = Vault.bytes(subject);
                    byte[] plain;
                    try {
                        plain = Aead.open(current.secret(), rows.getBytes(2), subjectBytes);
                    } catch (GeneralSecurityException e) {
                        // one key that does not open means the table was altered: change nothing
                        throw new IllegalStateException("the data key of subject " + subject + " does not open with the current master key");
                    }
                    update.setBytes(1, Aead.seal(next.secret(), plain, subjectBytes));
                    update.setObject(2, subject);
                    update.addBatch();
                    if (++count % BATCH == 0) {
                        update.executeBatch();
                    }
                }
            }
            update.executeBatch();
        }
        try (PreparedStatement update = connection.prepareStatement(
                "update trust.master_key set fingerprint = ?, check_value = ?, lookup_key_wrapped = ?, rotated_at = ? where id = 1")) {
            update.setString(1, next.fingerprint());
            update.setBytes(2, Aead.seal(next.secret(), Vault.CHECK_PLAINTEXT, Vault.CHECK_AAD));
            // the look-up key is re-wrapped, not replaced: every stored look-up hash must go on matching
            update.setBytes(3, Aead.seal(next.secret(), lookup, Vault.LOOKUP_AAD));
            update.setTimestamp(4, Timestamp.from(now));
            update.executeUpdate();
        }
        if (auditKey != null) {
            CommandAudit.queue(connection, auditKey, new MasterKeyRotated(current.fingerprint(), next.fingerprint(), count), now);
        }
        return count;
    }

    /** The stored look-up key; a database that has none yet uses the one derived from the current master key (as the vault does). */
    private static byte[] lookupKey(MasterKey current, byte[] wrapped) {
        if (wrapped == null) {
            return current.lookupKey().getEncoded();
        }
        try {
            return Aead.open(current.secret(), wrapped, Vault.LOOKUP_AAD);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the look-up key does not open with the current master key: the database was altered");
        }
    }

    /** Whether the key opens this check value (the vault's and the command's one test of a master key). */
    static boolean opens(MasterKey key, byte[] checkValue) {
        try {
            Aead.open(key.secret(), checkValue, Vault.CHECK_AAD);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private record Recorded(String fingerprint, byte[] checkValue, byte[] lookupKeyWrapped) {
    }

    private static Recorded recorded(Connection connection, boolean forUpdate) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select fingerprint, check_value, lookup_key_wrapped from trust.master_key where id = 1" + (forUpdate ? " for update" : ""));
             ResultSet rows = select.executeQuery()) {
            if (!rows.next()) {
                return new Recorded(null, null, null);
            }
            return new Recorded(rows.getString(1), rows.getBytes(2), rows.getBytes(3));
        }
    }
}

package org.civitas.trust.vault;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;

import org.civitas.platform.database.CommandDatabase;
import org.civitas.trust.audit.AuditCommand;

/**
 * {@code java -jar civitas.jar vault rotate-master-key [--new-key-file=FILE]}: re-wraps every data key
 * and the look-up key under a new master key, with every Civitas node stopped (decision 0012). It
 * takes the nodes' lock ({@link NodeLock}) exclusively for its whole run, so it refuses while any
 * node runs and no node starts while it runs. It reads the same settings as the server.
 * <p>
 * With the key in {@code CIVITAS_DATA_DIR/keys/master.key}, the new key is made here (or read from
 * {@code --new-key-file}) and the key files are switched as {@link MasterKeyFiles} describes. With
 * {@code CIVITAS_MASTER_KEY}, the new key comes from {@code --new-key-file} and the operator sets the
 * variable on every node afterwards. A key is never printed. Exit codes: 0 rotated, 2 refused or could not.
 */
public final class RotateMasterKeyCommand {

    public static final int DONE = 0;
    public static final int REFUSED = 2;
    static final String NAME = "rotate-master-key";
    private static final String NEW_KEY_FILE = "--new-key-file=";

    private RotateMasterKeyCommand() {
    }

    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        // English whatever the machine's language: without the no-fallback control, a JVM whose default locale
        // is Welsh would be given trust_cy.properties for Locale.UK
        ResourceBundle messages = ResourceBundle.getBundle("messages/trust", Locale.UK,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Text text = (key, values) -> MessageFormat.format(messages.getString("trust.vault.rotate." + key), values);
        if (args.length == 0 || !NAME.equals(args[0])) {
            err.println(text.get("usage"));
            return REFUSED;
        }
        Path newKeyFile = null;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith(NEW_KEY_FILE) && arg.length() > NEW_KEY_FILE.length() && newKeyFile == null) {
                newKeyFile = Path.of(arg.substring(NEW_KEY_FILE.length()));
            } else if (!(arg.startsWith("--civitas.") && arg.indexOf('=') > "--civitas.".length())) {
                // by position, not by value: an argument typed by mistake may be a key
                err.println(text.get("unknownArgument", i + 1));
                err.println(text.get("usage"));
                return REFUSED;
            }
        }
        Map<String, String> settings = AuditCommand.settings(args, environment);
        String variable = environment.get("CIVITAS_MASTER_KEY");
        String configured = settings.getOrDefault("civitas.master-key", variable);
        boolean fromVariable = configured != null && !configured.isBlank();
        if (fromVariable && newKeyFile == null) {
            err.println(text.get("newKeyFileRequired"));
            err.println(text.get("usage"));
            return REFUSED;
        }
        MasterKey next = null;
        if (newKeyFile != null) {
            try {
                next = MasterKeyFiles.read(newKeyFile);
            } catch (IOException e) {
                err.println(text.get("newKeyFileUnreadable", newKeyFile));
                return REFUSED;
            }
            if (next == null) {
                err.println(text.get("newKeyFileInvalid", newKeyFile));
                return REFUSED;
            }
        }
        MasterKey fromEnvironment = null;
        if (fromVariable) {
            try {
                fromEnvironment = MasterKey.fromBase64(configured);
            } catch (IllegalStateException e) {
                err.println(text.get("currentKeyInvalid"));
                return REFUSED;
            }
        }
        Path dataDir = Path.of(settings.getOrDefault("civitas.data-dir", "./civitas-data"));
        MasterKeyFiles files = new MasterKeyFiles(dataDir);
        if (!fromVariable && !Files.isRegularFile(files.current())) {
            err.println(text.get("noKeyFile", files.current().toAbsolutePath()));
            return REFUSED;
        }
        String audit = settings.getOrDefault("civitas.audit.enabled", environment.getOrDefault("CIVITAS_AUDIT", "on"));
        boolean audited = !Set.of("off", "false", "no").contains(audit.trim().toLowerCase(Locale.ROOT));
        org.civitas.trust.audit.AuditSigningKey auditKey = null;
        if (audited) {
            try {
                // the audit entry's MAC is made with the audit signing key, as the server makes it
                auditKey = org.civitas.trust.audit.AuditSigningKey.load(settings.get("civitas.audit.signing-key"), dataDir, false);
            } catch (IllegalStateException e) {
                err.println(text.get("noAuditKey"));
                return REFUSED;
            }
        }

        try (CommandDatabase database = CommandDatabase.open(dataDir, settings.get("civitas.database.url"),
                settings.get("civitas.database.user"), settings.get("civitas.database.password"))) {
            Connection connection = database.connection();
            if (!schemaHasVault(connection, audited)) {
                err.println(text.get("notMigrated"));
                return REFUSED;
            }
            // held until the connection closes, after the key files are switched
            if (!NodeLock.tryExclusive(connection)) {
                err.println(text.get("nodesRunning", NodeLock.holders(connection)));
                return REFUSED;
            }
            if (!fromVariable) {
                files.recover(key -> isCurrent(connection, key));
            }
            MasterKey current = fromVariable ? fromEnvironment : MasterKeyFiles.read(files.current());
            if (current == null || !MasterKeyRotation.isCurrent(connection, current)) {
                err.println(text.get("wrongCurrentKey", current == null ? "-" : current.fingerprint(),
                        MasterKeyRotation.fingerprint(connection)));
                return REFUSED;
            }
            if (next == null) {
                next = MasterKey.of(Aead.random(MasterKey.LENGTH));
            }
            if (Arrays.equals(next.secret().getEncoded(), current.secret().getEncoded())) {
                err.println(text.get("sameKey", current.fingerprint()));
                return REFUSED;
            }
            return rotate(connection, files, fromVariable, current, next, auditKey, newKeyFile, text, out, err);
        } catch (Exception e) {
            err.println(text.get("couldNot", e.getMessage()));
            return REFUSED;
        }
    }

    private static int rotate(Connection connection, MasterKeyFiles files, boolean fromVariable, MasterKey current, MasterKey next,
                              org.civitas.trust.audit.AuditSigningKey auditKey, Path newKeyFile, Text text, PrintStream out, PrintStream err) throws IOException, SQLException {
        if (!fromVariable) {
            files.writeNext(next);
        }
        connection.setAutoCommit(false);
        int count;
        try {
            count = MasterKeyRotation.rotate(connection, current, next, Instant.now(), auditKey);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            // rolled back for certain: the new key never sealed anything
            if (!fromVariable) {
                Files.deleteIfExists(files.next());
            }
            err.println(text.get("failed", e.getMessage()));
            return REFUSED;
        }
        try {
            connection.commit();
        } catch (SQLException e) {
            // the outcome is unknown: both keys stay on disk; the next start or run finishes or undoes the switch
            err.println(text.get("commitUnknown", e.getMessage(), current.fingerprint(), next.fingerprint()));
            return REFUSED;
        }
        out.println(text.get("done", count, next.fingerprint(), current.fingerprint()));
        if (fromVariable) {
            out.println(text.get("doneVariable", newKeyFile.toAbsolutePath()));
        } else {
            Path retired;
            try {
                retired = files.switchTo(current);
            } catch (IOException e) {
                err.println(text.get("switchFailed", e.getMessage(), files.next().toAbsolutePath()));
                return REFUSED;
            }
            out.println(text.get("doneFile", files.current().toAbsolutePath(), retired.toAbsolutePath()));
        }
        return DONE;
    }

    private static boolean isCurrent(Connection connection, MasterKey key) {
        try {
            return MasterKeyRotation.isCurrent(connection, key);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static boolean schemaHasVault(Connection connection, boolean audited) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select to_regclass('trust.data_key') is not null
                   and exists (select 1 from information_schema.columns
                               where table_schema = 'trust' and table_name = 'master_key' and column_name = 'lookup_key_wrapped')
                   and (not ? or to_regclass('trust.audit_queue') is not null)
                """)) {
            select.setBoolean(1, audited);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    @FunctionalInterface
    private interface Text {
        String get(String key, Object... values);
    }
}

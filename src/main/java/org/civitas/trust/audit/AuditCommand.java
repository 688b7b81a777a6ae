package org.civitas.trust.audit;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;

import org.civitas.platform.database.CommandDatabase;

/**
 * {@code java -jar civitas.jar audit verify}: verifies the audit log of the configured database
 * without starting the web server (no Tomcat, no demo, no migrations). It reads the same settings
 * as the server (environment variables, or {@code --civitas.x=...} arguments).
 * Exit codes: 0 intact, 1 a mismatch (the first bad sequence number is printed), 2 could not verify.
 * {@code --all-signatures} checks every checkpoint's signature, not only the latest one's.
 */
public final class AuditCommand {

    public static final int INTACT = 0;
    public static final int TAMPERED = 1;
    public static final int CANNOT_VERIFY = 2;

    private AuditCommand() {
    }

    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        if (args.length > 0 && "witness".equals(args[0])) {
            return RemoteWitness.run(args, out, err);
        }
        if (args.length == 0 || !"verify".equals(args[0])) {
            err.println(USAGE);
            return CANNOT_VERIFY;
        }
        Path witness = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--witness=")) {
                witness = Path.of(args[i].substring("--witness=".length()));
            } else if (args[i].equals("--witness") && i + 1 < args.length) {
                witness = Path.of(args[++i]);
            } else if (args[i].equals("--witness")) {
                err.println(USAGE);
                return CANNOT_VERIFY;
            }
        }
        Map<String, String> settings = settings(args, environment);
        Path dataDir = Path.of(settings.getOrDefault("civitas.data-dir", "./civitas-data"));
        try {
            PublicKey key = publicKey(settings.get("civitas.audit.signing-key"), dataDir);
            SignedNote.VerifierKey verifier = SignedNote.VerifierKey.of(SignedNote.KEY_NAME, key);
            Checkpoint seen = null;
            if (witness != null && Files.exists(witness)) {
                try {
                    seen = SignedNote.openCheckpoint(Files.readString(witness, StandardCharsets.UTF_8), verifier);
                } catch (IllegalArgumentException e) {
                    err.println("FAILED: the checkpoint the witness kept in " + witness + " does not open with this log's key ("
                            + e.getMessage() + "): the key or the file was replaced");
                    return TAMPERED;
                }
            }
            try (CommandDatabase database = CommandDatabase.open(dataDir, settings.get("civitas.database.url"),
                    settings.get("civitas.database.user"), settings.get("civitas.database.password"))) {
                Connection connection = database.connection();
                if (!schemaHasAuditLog(connection)) {
                    err.println("The database has no audit log yet: its schema is behind this Civitas. Start the server once to migrate it.");
                    return CANNOT_VERIFY;
                }
                boolean allSignatures = java.util.Arrays.asList(args).contains("--all-signatures");
                AuditVerifier.Result result = AuditVerifier.verify(connection, key, allSignatures, seen == null ? -1 : seen.treeSize());
                if (!result.intact()) {
                    err.println(result.describe());
                    return TAMPERED;
                }
                if (witness == null) {
                    out.println(result.describe());
                    return INTACT;
                }
                String cut = Witness.extends_(seen, result.treeSize(), result.witnessedRoot(), result.latest());
                if (cut != null) {
                    err.println("FAILED: " + cut + " (witness file " + witness + ")");
                    return TAMPERED;
                }
                if (result.latest() != null) {
                    Witness.remember(witness, SignedNote.note(result.latest(), verifier));
                }
                out.println(result.describe() + "; " + (seen == null ? "the witness remembers it in " + witness
                        : "it extends the checkpoint of tree size " + seen.treeSize() + " the witness saw"));
                return INTACT;
            }
        } catch (Exception e) {
            err.println("Could not verify the audit log: " + e.getMessage());
            return CANNOT_VERIFY;
        }
    }

    static final String USAGE = """
            Usage: java -jar civitas.jar audit verify [--all-signatures] [--witness FILE]
                   java -jar civitas.jar audit witness URL FILE --key=VERIFIER_KEY""";

    /** Environment variables as the server maps them (application.yml), overridden by --civitas.x=value arguments. */
    public static Map<String, String> settings(String[] args, Map<String, String> environment) {
        Map<String, String> settings = new HashMap<>();
        Map<String, String> variables = Map.of("CIVITAS_DATA_DIR", "civitas.data-dir", "CIVITAS_DATABASE_URL", "civitas.database.url",
                "CIVITAS_DATABASE_USER", "civitas.database.user", "CIVITAS_DATABASE_PASSWORD", "civitas.database.password",
                "CIVITAS_AUDIT_SIGNING_KEY", "civitas.audit.signing-key");
        variables.forEach((variable, property) -> {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                settings.put(property, value);
            }
        });
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                settings.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        return settings;
    }

    /** The configured signing key's public half, else the key file's, else the public key file written beside it. */
    private static PublicKey publicKey(String configured, Path dataDir) throws java.io.IOException {
        Path keys = dataDir.resolve("keys");
        if ((configured != null && !configured.isBlank()) || Files.exists(keys.resolve("audit-ed25519.key"))) {
            return AuditSigningKey.load(configured, dataDir, false).publicKey();
        }
        Path publicFile = keys.resolve("audit-ed25519.pub");
        if (Files.exists(publicFile)) {
            return AuditSigningKey.publicKeyFromBase64(Files.readString(publicFile, StandardCharsets.US_ASCII));
        }
        throw new IllegalStateException("no audit signing key: set CIVITAS_AUDIT_SIGNING_KEY or CIVITAS_DATA_DIR as for the server");
    }

    private static boolean schemaHasAuditLog(Connection connection) throws java.sql.SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select to_regclass('trust.audit_log') is not null and to_regclass('trust.audit_checkpoint') is not null");
             ResultSet rows = select.executeQuery()) {
            return rows.next() && rows.getBoolean(1);
        }
    }
}

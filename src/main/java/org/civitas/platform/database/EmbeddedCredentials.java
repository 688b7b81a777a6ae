package org.civitas.platform.database;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The embedded PostgreSQL's two passwords (the superuser that owns the schema, the application's
 * role), generated on first start (256 random bits each) into {@code <data dir>/keys/database.properties},
 * created owner-only (0600 in a 0700 directory). Never logged; commands run beside the server
 * read them from here.
 */
record EmbeddedCredentials(Path file, String owner, String app, boolean created) {

    static final String FILE = "database.properties";

    static Path file(Path dataDir) {
        return dataDir.resolve("keys").resolve(FILE);
    }

    static EmbeddedCredentials loadOrCreate(Path dataDir) throws IOException {
        Path file = file(dataDir);
        boolean created = false;
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            String text = "# The embedded PostgreSQL's passwords, made by Civitas. Keep this file secret.\n"
                    + EmbeddedPostgresServer.OWNER + "=" + fresh() + "\n" + EmbeddedPostgresServer.APP + "=" + fresh() + "\n";
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, text, StandardCharsets.US_ASCII);
                created = true;
            } catch (FileAlreadyExistsException raced) {
                // another process made it first: read theirs
            }
        }
        EmbeddedCredentials credentials = load(dataDir);
        return new EmbeddedCredentials(credentials.file(), credentials.owner(), credentials.app(), created);
    }

    static EmbeddedCredentials load(Path dataDir) throws IOException {
        Path file = file(dataDir);
        Properties properties = new Properties();
        try (Reader reader = new StringReader(Files.readString(file, StandardCharsets.US_ASCII))) {
            properties.load(reader);
        }
        String owner = properties.getProperty(EmbeddedPostgresServer.OWNER);
        String app = properties.getProperty(EmbeddedPostgresServer.APP);
        if (!valid(owner) || !valid(app)) {
            throw new IllegalStateException(file + " must hold the passwords " + EmbeddedPostgresServer.OWNER + "=... and "
                    + EmbeddedPostgresServer.APP + "=... (letters, digits, - and _)");
        }
        return new EmbeddedCredentials(file, owner, app, false);
    }

    /** Only characters that need no quoting in SQL: the password is written into ALTER ROLE. */
    private static boolean valid(String password) {
        return password != null && password.length() >= 16 && password.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_');
    }

    private static String fresh() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "EmbeddedCredentials[" + file + "]"; // never the passwords
    }
}

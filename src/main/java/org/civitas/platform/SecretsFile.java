package org.civitas.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where generated secrets (the demo accounts' passwords and API key, the first administrator's
 * password) go: a file in the data directory that only the operating-system user running Civitas
 * can read (0600), written once when the secret is made. The log says where the file is, never
 * what is in it, and nothing secret is printed to the console, whose output often ends up in a
 * log collector anyway.
 */
public final class SecretsFile {

    private SecretsFile() {
    }

    /**
     * Writes the lines to {@code dataDir/name} readable by its owner only, replacing an older file
     * of that name (from an earlier, thrown-away database). Returns the file's absolute path.
     */
    public static Path write(Path dataDir, String name, String heading, List<String> lines) {
        Path file = dataDir.resolve(name).toAbsolutePath().normalize();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            if (posix) {
                Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(file.getParent());
            }
            // the secret is written into a file that is 0600 from its creation, then moved into place
            Path temporary = posix
                    ? Files.createTempFile(file.getParent(), name, ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(file.getParent(), name, ".tmp");
            List<String> text = new ArrayList<>();
            text.add("# " + heading);
            text.add("# Written " + Instant.now() + ". Keep it safe, then delete this file: Civitas does not need it.");
            text.addAll(lines);
            Files.write(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }
}

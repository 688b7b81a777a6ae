package org.civitas.trust.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key files of a node that keeps its master key in {@code <data dir>/keys/master.key}, and how a
 * rotation switches them without ever leaving the only copy of a key that opens the data at risk:
 * <ol>
 * <li>the new key is written to {@code master.key.new} and flushed to disk, before the database commits;</li>
 * <li>after the commit the old key is copied to {@code master.key.retired-<fingerprint>} (flushed), and
 *     {@code master.key.new} is renamed over {@code master.key} in one atomic step.</li>
 * </ol>
 * So {@code master.key} always exists and holds one of the two keys, and whichever key the database's
 * check value names is always on disk. {@link #recover} finishes or undoes a rotation that stopped
 * between these steps: the check value tells which key is current.
 */
final class MasterKeyFiles {

    static final String CURRENT = "master.key";
    static final String NEXT = "master.key.new";
    static final String RETIRED_PREFIX = "master.key.retired-";

    private static final Logger log = LoggerFactory.getLogger(MasterKeyFiles.class);

    private final Path keys;

    MasterKeyFiles(Path dataDir) {
        this.keys = dataDir.resolve("keys");
    }

    Path current() {
        return keys.resolve(CURRENT);
    }

    Path next() {
        return keys.resolve(NEXT);
    }

    Path retired(MasterKey key) {
        return keys.resolve(RETIRED_PREFIX + key.fingerprint());
    }

    /**
     * After a rotation that stopped between the commit and the file switch, finishes the switch; after
     * one that stopped before its commit, removes the new key (it never sealed anything). Does nothing
     * when there is no {@code master.key.new}.
     *
     * @param opensCheckValue whether a key opens the database's check value, i.e. is the current one
     * @return true when a switch was finished
     */
    boolean recover(Predicate<MasterKey> opensCheckValue) throws IOException {
        Path next = next();
        if (!Files.exists(next)) {
            return false;
        }
        MasterKey nextKey = read(next);
        if (nextKey != null && opensCheckValue.test(nextKey)) {
            log.warn("A master-key rotation committed but did not switch its key files; switching them now");
            MasterKey old = Files.exists(current()) ? read(current()) : null;
            if (old != null && !Arrays.equals(old.secret().getEncoded(), nextKey.secret().getEncoded())) {
                retire(old);
            }
            promote();
            return true;
        }
        MasterKey currentKey = Files.exists(current()) ? read(current()) : null;
        if (currentKey != null && opensCheckValue.test(currentKey)) {
            log.warn("Removing {}: the master-key rotation that wrote it did not commit, so it never sealed anything", next);
            Files.delete(next);
            fsync(keys);
        }
        // neither opens: leave every file as it is; the vault's check then refuses to start, naming the key
        return false;
    }

    /** Step 1: the new key, on disk before the database commits. */
    void writeNext(MasterKey key) throws IOException {
        writeNew(next(), key);
    }

    /** Step 2: keep the old key under a name that says what it is, then put the new one in its place. */
    Path switchTo(MasterKey old) throws IOException {
        Path retired = retire(old);
        promote();
        return retired;
    }

    private Path retire(MasterKey old) throws IOException {
        Path retired = retired(old);
        if (Files.exists(retired)) {
            MasterKey kept = read(retired);
            if (kept != null && Arrays.equals(kept.secret().getEncoded(), old.secret().getEncoded())) {
                return retired;
            }
            throw new IOException(retired + " exists and holds another key; move it away and run the command again");
        }
        writeNew(retired, old);
        return retired;
    }

    private void promote() throws IOException {
        Files.move(next(), current(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsync(keys);
    }

    /** Creates the file (owner-only; never over an existing one) and flushes it and its directory to disk. */
    private void writeNew(Path file, MasterKey key) throws IOException {
        Files.createDirectories(keys, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        byte[] text = (Base64.getEncoder().encodeToString(key.secret().getEncoded()) + "\n").getBytes(StandardCharsets.US_ASCII);
        try (FileChannel channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer buffer = ByteBuffer.wrap(text);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(file + " already exists; move it away and run the command again", e);
        }
        fsync(keys);
    }

    /** The key in a file, or null when the file does not hold one (it then opens nothing). */
    static MasterKey read(Path file) throws IOException {
        try {
            return MasterKey.fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /** A rename or a new file is durable only once its directory is flushed too. */
    private static void fsync(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}

package org.civitas.trust.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * What a witness checks: the checkpoint it saw last (kept as a signed note in its file) must be
 * extended by the log now, that is, the log is at least as long, its first entries still hash to
 * the root the witness saw, and its newest checkpoint is no older. A log whose tail was cut off,
 * whose early entries were rewritten, or that was put back from an old copy fails here even when
 * it is consistent in itself.
 */
final class Witness {

    private Witness() {
    }

    /**
     * Null when the log of {@code treeSize} entries (latest checkpoint {@code latest}, recomputed root
     * of its first {@code seen.treeSize()} entries {@code rootAtSeenSize}) extends {@code seen};
     * otherwise why not.
     */
    static String extends_(Checkpoint seen, long treeSize, byte[] rootAtSeenSize, Checkpoint latest) {
        if (seen == null) {
            return null;
        }
        String saw = "the checkpoint of tree size " + seen.treeSize() + " signed " + Checkpoint.time(seen.signedAt()) + " that the witness saw";
        if (latest == null) {
            return "the log has no signed checkpoint, but " + saw + " exists: the log was emptied";
        }
        if (treeSize < seen.treeSize()) {
            return "the log's latest signed checkpoint has tree size " + treeSize + ", fewer entries than " + saw
                    + ": entries were cut off the end of the log";
        }
        if (rootAtSeenSize == null || !Arrays.equals(rootAtSeenSize, seen.rootHash())) {
            return "the log's first " + seen.treeSize() + " entries no longer hash to the root of " + saw + ": the log was rewritten";
        }
        // only at the same size: a larger tree that extends the one seen may carry an earlier time from a node whose
        // clock is behind; a rolled-back log that grew again past the size seen no longer has the root seen
        if (treeSize == seen.treeSize() && latest.signedAt().isBefore(seen.signedAt())) {
            return "the log's latest checkpoint was signed " + Checkpoint.time(latest.signedAt()) + ", before " + saw
                    + ": newer checkpoints were removed, or an old copy of the database was put back";
        }
        return null;
    }

    /** Replaces the witness file's checkpoint at once (a new file moved over the old one). */
    static void remember(Path file, String note) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path parent = absolute.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path next = absolute.resolveSibling(absolute.getFileName() + ".new");
        Files.writeString(next, note, StandardCharsets.UTF_8);
        Files.move(next, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

package org.civitas.trust.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * A signed statement of the tree: its size, its root hash and when it was signed. The signature
 * covers exactly {@link #signedBytes()}, four lines in UTF-8, each ending in a line feed:
 * {@code civitas-audit-log/v1}, the tree size in decimal, the root hash in base64, the time as
 * ISO-8601 UTC with milliseconds.
 */
public record Checkpoint(long treeSize, byte[] rootHash, Instant signedAt, byte[] signature) {

    public static final String ORIGIN = "civitas-audit-log/v1";

    public byte[] signedBytes() {
        return signedBytes(treeSize, rootHash, signedAt);
    }

    static byte[] signedBytes(long treeSize, byte[] rootHash, Instant signedAt) {
        return (ORIGIN + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n" + time(signedAt) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    /** Millisecond precision: PostgreSQL keeps microseconds, so the stored time reproduces the signed text. */
    static String time(Instant instant) {
        return TIME.format(instant);
    }
}

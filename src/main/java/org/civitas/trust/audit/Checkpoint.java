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

    /**
     * Millisecond precision: PostgreSQL keeps microseconds, so the stored time reproduces the signed text.
     * Written digit by digit for years 0 to 9999 (every audit entry has one, and the formatter cost more
     * than the rest of the entry); the formatter for any other year, with its sign.
     */
    static String time(Instant instant) {
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(),
                java.time.ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return TIME.format(instant);
        }
        char[] c = "0000-00-00T00:00:00.000Z".toCharArray();
        digits(c, 0, 4, t.getYear());
        digits(c, 5, 2, t.getMonthValue());
        digits(c, 8, 2, t.getDayOfMonth());
        digits(c, 11, 2, t.getHour());
        digits(c, 14, 2, t.getMinute());
        digits(c, 17, 2, t.getSecond());
        digits(c, 20, 3, t.getNano() / 1_000_000);
        return new String(c);
    }

    private static void digits(char[] into, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}

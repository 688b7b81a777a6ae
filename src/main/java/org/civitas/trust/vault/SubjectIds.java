package org.civitas.trust.vault;

import java.util.UUID;

/**
 * Subject ids as UUIDv7 (RFC 9562 section 5.7): 48 bits of Unix milliseconds, then 74 random bits.
 * Random (v4) ids scattered every new data key over the whole primary-key index of
 * {@code trust.data_key}, so each insert dirtied a different page; time-ordered ids append to its
 * right edge. The creation time an id shows is in the row beside it anyway.
 */
final class SubjectIds {

    static final int RANDOM_BYTES = 10;

    private SubjectIds() {
    }

    /** A v7 id from the time and {@link #RANDOM_BYTES} random bytes of {@code random}, starting at {@code offset}. */
    static UUID timeOrdered(long unixMillis, byte[] random, int offset) {
        long randA = ((random[offset] & 0x0fL) << 8) | (random[offset + 1] & 0xffL);
        long randB = 0;
        for (int i = 2; i < RANDOM_BYTES; i++) {
            randB = (randB << 8) | (random[offset + i] & 0xffL);
        }
        long most = ((unixMillis & 0xffff_ffff_ffffL) << 16) | 0x7000L | randA;
        long least = (randB & 0x3fff_ffff_ffff_ffffL) | 0x8000_0000_0000_0000L;
        return new UUID(most, least);
    }
}

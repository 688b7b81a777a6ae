package org.civitas.trust.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a witness accepts: a log that extends the checkpoint it saw; and each way a log can fail to. */
class WitnessTest {

    static final byte[] ROOT = MerkleTree.sha256().digest("seen".getBytes(StandardCharsets.UTF_8));
    static final byte[] OTHER = MerkleTree.sha256().digest("other".getBytes(StandardCharsets.UTF_8));
    static final Instant SEEN_AT = Instant.parse("2026-11-28T16:20:01.123Z");
    static final Checkpoint SEEN = new Checkpoint(100, ROOT, SEEN_AT, new byte[64]);

    static Checkpoint latest(long size, Instant at) {
        return new Checkpoint(size, OTHER, at, new byte[64]);
    }

    @Test
    void aLogThatExtendsWhatTheWitnessSawPasses() {
        assertThat(Witness.extends_(null, 0, null, null)).isNull();
        assertThat(Witness.extends_(SEEN, 100, ROOT, latest(100, SEEN_AT.plusSeconds(300)))).isNull();
        assertThat(Witness.extends_(SEEN, 120, ROOT, latest(120, SEEN_AT.plusSeconds(1)))).isNull();
        // a node whose clock is behind signed the larger tree: the proof of the entries is what counts
        assertThat(Witness.extends_(SEEN, 120, ROOT, latest(120, SEEN_AT.minusSeconds(3)))).isNull();
    }

    @Test
    void eachWayOfNotExtendingItIsNamed() {
        assertThat(Witness.extends_(SEEN, 98, null, latest(98, SEEN_AT.plusSeconds(1)))).contains("entries were cut off the end of the log");
        assertThat(Witness.extends_(SEEN, 0, null, null)).contains("the log was emptied");
        assertThat(Witness.extends_(SEEN, 120, OTHER, latest(120, SEEN_AT.plusSeconds(1)))).contains("the log was rewritten");
        assertThat(Witness.extends_(SEEN, 120, null, latest(120, SEEN_AT.plusSeconds(1)))).contains("the log was rewritten");
        assertThat(Witness.extends_(SEEN, 100, ROOT, latest(100, SEEN_AT.minusSeconds(600))))
                .contains("newer checkpoints were removed, or an old copy of the database was put back");
    }
}

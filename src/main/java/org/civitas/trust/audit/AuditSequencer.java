package org.civitas.trust.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.civitas.platform.CivitasProperties;
import org.civitas.trust.AuditEntryRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.civitas.trust.writes.JdbcBatch;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves queued entries into the log, off the request path: every second, one node at a time
 * (a transaction-scoped advisory lock; other nodes skip the round), in batches of consecutive
 * sequence numbers. For each batch it stores the leaf hashes and every subtree the batch
 * completes, and signs a checkpoint of the new tree, all in one transaction: the log never holds
 * entries that no checkpoint covers. Adding a batch of b entries to a tree of n costs O(b + log n)
 * hashes and reads O(log n) stored subtree roots.
 */
@Component
public class AuditSequencer {

    /** Advisory lock key: "audit" in ASCII. */
    static final long LOCK = 0x6175646974L;
    static final int BATCH = 5_000;
    private static final Logger log = LoggerFactory.getLogger(AuditSequencer.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final AuditSigningKey key;
    private final java.time.Duration checkpointEvery;

    AuditSequencer(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transactions, Clock clock, CivitasProperties properties,
                   @Value("${civitas.audit.signing-key:}") String configuredKey,
                   @Value("${civitas.audit.checkpoint-every:PT5M}") java.time.Duration checkpointEvery) {
        this.jdbc = jdbc;
        this.template = template;
        this.transactions = transactions;
        this.clock = clock;
        this.key = AuditSigningKey.load(configuredKey, properties.dataDir(), true);
        if (checkpointEvery.isNegative() || checkpointEvery.isZero()) {
            throw new IllegalStateException("CIVITAS_AUDIT_CHECKPOINT_EVERY must be a positive duration such as PT5M");
        }
        this.checkpointEvery = checkpointEvery;
    }

    public AuditSigningKey key() {
        return key;
    }

    // the first round too after one period: with a long period (tests that sequence by hand) no round comes unasked
    @Scheduled(fixedDelayString = "${civitas.audit.sequence-every:1000}", initialDelayString = "${civitas.audit.sequence-every:1000}")
    void sequenceQueued() {
        while (sequenceBatch() == BATCH) {
            // a full batch: more may be waiting
        }
    }

    /** Sequences up to one batch; returns how many entries it moved (0 when another node holds the lock). */
    public int sequenceBatch() {
        Integer moved = transactions.execute(status -> {
            Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(?)").param(LOCK).query(Boolean.class).single();
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            record Queued(long id, byte[] entry, byte[] mac) {
            }
            // no row locks: the advisory lock already makes this the only sequencer, and FOR UPDATE would
            // write a lock into every queued row just before the DELETE writes it again
            List<Queued> queued = jdbc.sql("select id, entry, mac from trust.audit_queue order by id limit ?")
                    .param(BATCH).query((rs, n) -> new Queued(rs.getLong(1), rs.getBytes(2), rs.getBytes(3))).list();
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            if (queued.isEmpty()) {
                checkpointIfDue(now);
                return 0;
            }
            long size = jdbc.sql("select coalesce(max(tree_size), 0) from trust.audit_checkpoint").query(Long.class).single();
            MessageDigest digest = MerkleTree.sha256();
            MerkleTree.Frontier frontier = new MerkleTree.Frontier(digest, size, storedSubtrees(size));
            Timestamp at = Timestamp.from(now);
            List<Object[]> leaves = new ArrayList<>(queued.size());
            List<Object[]> nodes = new ArrayList<>();
            long[] ids = new long[queued.size()];
            int i = 0;
            for (Queued q : queued) {
                ids[i++] = q.id();
                byte[] queuedEntry = q.entry();
                if (!key.queueMacMatches(queuedEntry, q.mac())) {
                    // not written by Civitas: refused, and the refusal is logged in its place
                    String reason = q.mac() == null ? "no-mac" : "bad-mac";
                    log.warn("Refused audit queue row {} ({}): Civitas did not write it; recorded as trust.AuditEntryRefused", q.id(), reason);
                    queuedEntry = CanonicalJson.bytes(AuditRecorder.entry("trust",
                            new AuditEntryRefused(q.id(), java.util.HexFormat.of().formatHex(digest.digest(q.entry())), reason), now));
                }
                long seq = frontier.size();
                byte[] entry = leafBytes(queuedEntry, seq);
                byte[] leaf = MerkleTree.leafHash(digest, entry);
                leaves.add(new Object[] {seq, entry, leaf, at});
                frontier.append(leaf, (level, index, hash) -> nodes.add(new Object[] {(short) level, index, hash}));
            }
            JdbcBatch.insert(template, "insert into trust.audit_log (seq, entry, leaf_hash, sequenced_at) values (?, ?, ?, ?)", leaves);
            JdbcBatch.insert(template, "insert into trust.audit_node (level, idx, hash) values (?, ?, ?)", nodes);
            byte[] root = frontier.root();
            byte[] signature = key.sign(Checkpoint.signedBytes(frontier.size(), root, now));
            jdbc.sql("insert into trust.audit_checkpoint (tree_size, root_hash, signed_at, signature) values (?, ?, ?, ?)")
                    .params(frontier.size(), root, at, signature).update();
            jdbc.sql("delete from trust.audit_queue where id = any(?)").param(ids).update();
            return queued.size();
        });
        return moved == null ? 0 : moved;
    }

    /**
     * With nothing queued: signs the current tree again once the latest checkpoint is
     * {@code civitas.audit.checkpoint-every} old (and the empty tree when there is none), so a witness
     * always finds a fresh checkpoint and a log whose newest checkpoints were cut off looks stale.
     */
    private void checkpointIfDue(Instant now) {
        record Latest(long treeSize, Timestamp signedAt) {
        }
        Latest latest = jdbc.sql("select tree_size, signed_at from trust.audit_checkpoint order by tree_size desc, signed_at desc limit 1")
                .query(Latest.class).optional().orElse(null);
        if (latest != null && latest.signedAt().toInstant().plus(checkpointEvery).isAfter(now)) {
            return;
        }
        long size = latest == null ? 0 : latest.treeSize();
        if (latest != null && !latest.signedAt().toInstant().isBefore(now)) {
            return; // the clock went back: never two checkpoints of one size at one time
        }
        byte[] root = new MerkleTree.Frontier(MerkleTree.sha256(), size, storedSubtrees(size)).root();
        jdbc.sql("insert into trust.audit_checkpoint (tree_size, root_hash, signed_at, signature) values (?, ?, ?, ?)")
                .params(size, root, Timestamp.from(now), key.sign(Checkpoint.signedBytes(size, root, now))).update();
    }

    /** The leaf is the queued entry wrapped with its sequence number, so moving an entry to another place breaks its hash. */
    static byte[] leafBytes(byte[] queuedEntry, long seq) {
        byte[] head = "{\"entry\":".getBytes(StandardCharsets.UTF_8);
        byte[] tail = (",\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8);
        byte[] leaf = new byte[head.length + queuedEntry.length + tail.length];
        System.arraycopy(head, 0, leaf, 0, head.length);
        System.arraycopy(queuedEntry, 0, leaf, head.length, queuedEntry.length);
        System.arraycopy(tail, 0, leaf, head.length + queuedEntry.length, tail.length);
        return leaf;
    }

    private List<byte[]> storedSubtrees(long size) {
        List<byte[]> roots = new ArrayList<>();
        for (long[] subtree : MerkleTree.Frontier.subtrees(size)) {
            roots.add(StoredTree.subtree(jdbc, (int) subtree[0], subtree[1]));
        }
        return roots;
    }

}

package org.civitas.trust.audit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Consumer;

import org.civitas.CivitasTest;
import org.civitas.platform.CivitasProperties;
import org.civitas.trust.AuditCommandLine;
import org.civitas.trust.SubjectErased;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attacks of issue 5, made as the database's superuser (who owns the tables; the application's
 * role cannot) switching the append-only triggers off ({@code session_replication_role = replica}):
 * each is detected by {@code audit verify} (the command the jar runs, against this running server's
 * PostgreSQL) with the right sequence number, and the log verifies again once the damage is undone.
 * A verdict is compared whole: exit code and the complete first line.
 */
@CivitasTest
@TestPropertySource(properties = {"civitas.audit.sequence-every=3600000", "civitas.audit.checkpoint-every=PT1S"})
class AuditTamperTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    AuditSequencer sequencer;

    @Autowired
    CivitasProperties properties;

    long target;

    @BeforeEach
    void aLogWithSingleEntryCheckpointsAtItsEnd() {
        drainQueue();
        for (int i = 0; i < 4; i++) {
            transactions.executeWithoutResult(status -> events.publishEvent(new SubjectErased(UUID.randomUUID())));
            drainQueue();
        }
        long size = jdbc.sql("select max(tree_size) from trust.audit_checkpoint").query(Long.class).single();
        target = size - 3;
        assertThat(jdbc.sql("select count(*) from trust.audit_checkpoint where tree_size in (?, ?, ?)")
                .params(target + 1, target + 2, target + 3).query(Long.class).single()).isEqualTo(3);
        assertThat(verify()).isEqualTo(new Verdict(0, "OK: the audit log is intact; tree size " + size + ", root " + latestRoot()
                + ", signed " + latestTime()));
    }

    @Test
    void anAlteredEntryIsFoundAtItsSequenceNumber() {
        byte[] original = entry(target);
        superuser(sql -> sql.sql("update trust.audit_log set entry = overlay(entry placing '\\x58'::bytea from 30 for 1) where seq = ?")
                .param(target).update());
        assertThat(verify()).isEqualTo(new Verdict(1, "FAILED: sequence number " + target + " does not match (altered)"));
        superuser(sql -> sql.sql("update trust.audit_log set entry = ? where seq = ?").params(original, target).update());
        assertThat(verify().exitCode()).isZero();
    }

    @Test
    void anAlteredEntryWithARecomputedLeafHashIsFoundByTheSignedRoot() {
        byte[] original = entry(target);
        superuser(sql -> sql.sql("""
                update trust.audit_log set entry = overlay(entry placing '\\x58'::bytea from 30 for 1) where seq = ?;
                update trust.audit_log set leaf_hash = sha256('\\x00'::bytea || entry) where seq = ?""").params(target, target).update());
        assertThat(verify()).isEqualTo(new Verdict(1, "FAILED: sequence number " + target + " does not match (root mismatch, checkpoint of tree size " + (target + 1) + ")"));
        superuser(sql -> sql.sql("update trust.audit_log set entry = ?, leaf_hash = sha256('\\x00'::bytea || ?) where seq = ?")
                .params(original, original, target).update());
        assertThat(verify().exitCode()).isZero();
    }

    @Test
    void aDeletedEntryIsFoundAtItsSequenceNumber() {
        record Row(long seq, byte[] entry, byte[] leafHash, java.sql.Timestamp sequencedAt) {
        }
        Row row = jdbc.sql("select seq, entry, leaf_hash, sequenced_at from trust.audit_log where seq = ?").param(target).query(Row.class).single();
        superuser(sql -> sql.sql("delete from trust.audit_log where seq = ?").param(target).update());
        assertThat(verify()).isEqualTo(new Verdict(1, "FAILED: sequence number " + target + " does not match (missing)"));
        superuser(sql -> sql.sql("insert into trust.audit_log (seq, entry, leaf_hash, sequenced_at) values (?, ?, ?, ?)")
                .params(row.seq(), row.entry(), row.leafHash(), row.sequencedAt()).update());
        assertThat(verify().exitCode()).isZero();
    }

    @Test
    void theLastEntryDeletedIsFoundToo() {
        long last = target + 2;
        byte[] entry = entry(last);
        superuser(sql -> sql.sql("delete from trust.audit_log where seq = ?").param(last).update());
        assertThat(verify()).isEqualTo(new Verdict(1, "FAILED: sequence number " + last + " does not match (missing, checkpoint of tree size " + (last + 1) + ")"));
        superuser(sql -> sql.sql("insert into trust.audit_log (seq, entry, leaf_hash, sequenced_at) values (?, ?, sha256('\\x00'::bytea || ?), now())")
                .params(last, entry, entry).update());
        assertThat(verify().exitCode()).isZero();
    }

    @Test
    void twoEntriesReorderedAreFoundAtTheFirst() {
        swap("trust.audit_log", "seq", target, target + 1, "entry, leaf_hash");
        assertThat(verify()).isEqualTo(new Verdict(1, "FAILED: sequence number " + target + " does not match (moved)"));
        swap("trust.audit_log", "seq", target, target + 1, "entry, leaf_hash");
        assertThat(verify().exitCode()).isZero();
    }

    @Test
    void theLatestCheckpointsSignatureSwappedIsFoundAtTheFirstEntryItCovers() {
        swap("trust.audit_checkpoint", "tree_size", target + 2, target + 3, "signature");
        assertThat(verify()).isEqualTo(new Verdict(1, "FAILED: sequence number " + (target + 2) + " does not match (bad signature, checkpoint of tree size " + (target + 3) + ")"));
        swap("trust.audit_checkpoint", "tree_size", target + 2, target + 3, "signature");
        assertThat(verify().exitCode()).isZero();
    }

    @Test
    void earlierCheckpointSignaturesSwappedAreFoundWhenEverySignatureIsChecked() {
        swap("trust.audit_checkpoint", "tree_size", target + 1, target + 2, "signature");
        assertThat(run("--civitas.data-dir=" + properties.dataDir(), "--all-signatures"))
                .isEqualTo(new Verdict(1, "FAILED: sequence number " + target + " does not match (bad signature, checkpoint of tree size " + (target + 1) + ")"));
        // the latest signature still vouches for every entry
        assertThat(verify().exitCode()).isZero();
        swap("trust.audit_checkpoint", "tree_size", target + 1, target + 2, "signature");
        assertThat(run("--civitas.data-dir=" + properties.dataDir(), "--all-signatures").exitCode()).isZero();
    }

    @Test
    void aCheckpointReplacedByAnotherIsFound() {
        record Row(byte[] rootHash, byte[] signature) {
        }
        AuditSigningKey forger = AuditSigningKey.fromBase64(java.util.Base64.getEncoder().encodeToString(new byte[32]));
        byte[] forgedRoot = MerkleTree.sha256().digest("a root the attacker prefers".getBytes(StandardCharsets.UTF_8));
        for (long size : new long[] {target + 3, target + 1}) {
            Row original = jdbc.sql("select root_hash, signature from trust.audit_checkpoint where tree_size = ?").param(size).query(Row.class).single();
            java.time.Instant at = jdbc.sql("select signed_at from trust.audit_checkpoint where tree_size = ?").param(size)
                    .query(java.sql.Timestamp.class).single().toInstant();
            superuser(sql -> sql.sql("update trust.audit_checkpoint set root_hash = ?, signature = ? where tree_size = ?")
                    .params(forgedRoot, forger.sign(Checkpoint.signedBytes(size, forgedRoot, at)), size).update());
            try {
                // the latest: its signature is checked first; an earlier one: its root no longer matches the entries
                assertThat(verify()).isEqualTo(new Verdict(1, "FAILED: sequence number " + (size - 1) + " does not match ("
                        + (size == target + 3 ? "bad signature" : "root mismatch") + ", checkpoint of tree size " + size + ")"));
            } finally {
                superuser(sql -> sql.sql("update trust.audit_checkpoint set root_hash = ?, signature = ? where tree_size = ?")
                        .params(original.rootHash(), original.signature(), size).update());
            }
        }
        assertThat(verify().exitCode()).isZero();
    }

    @Test
    void theCommandRefusesADirectoryWithoutADatabase() {
        Verdict verdict = run("--civitas.data-dir=target/test-data/none-" + UUID.randomUUID(), "--civitas.audit.signing-key="
                + java.util.Base64.getEncoder().encodeToString(new byte[32]));
        assertThat(verdict.exitCode()).isEqualTo(2);
        assertThat(verdict.firstLine()).contains("There is no Civitas database");
    }

    /** The exit code and the whole first line the command printed: equal only when both are (the record's own equals). */
    record Verdict(int exitCode, String firstLine) {
    }

    private String latestRoot() {
        return java.util.HexFormat.of().formatHex(jdbc.sql("select root_hash from trust.audit_checkpoint order by tree_size desc, signed_at desc limit 1")
                .query(byte[].class).single());
    }

    private String latestTime() {
        return Checkpoint.time(jdbc.sql("select signed_at from trust.audit_checkpoint order by tree_size desc, signed_at desc limit 1")
                .query(java.sql.Timestamp.class).single().toInstant());
    }

    private Verdict verify() {
        return run("--civitas.data-dir=" + properties.dataDir());
    }

    private static Verdict run(String... settings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] args = new String[settings.length + 1];
        args[0] = "verify";
        System.arraycopy(settings, 0, args, 1, settings.length);
        int code;
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            code = AuditCommandLine.run(args, print, print);
        }
        return new Verdict(code, out.toString(StandardCharsets.UTF_8).lines().findFirst().orElse(""));
    }

    private void drainQueue() {
        while (jdbc.sql("select count(*) from trust.audit_queue").query(Long.class).single() > 0) {
            sequencer.sequenceBatch();
        }
    }

    private byte[] entry(long seq) {
        return jdbc.sql("select entry from trust.audit_log where seq = ?").param(seq).query(byte[].class).single();
    }

    private void swap(String table, String key, long a, long b, String columns) {
        String assignments = java.util.Arrays.stream(columns.split(",\\s*"))
                .map(c -> c + " = (select " + c + " from " + table + " other where other." + key + " = case when t." + key + " = " + a
                        + " then " + b + " else " + a + " end)")
                .reduce((x, y) -> x + ", " + y).orElseThrow();
        superuser(sql -> sql.sql("update " + table + " t set " + assignments + " where " + key + " in (" + a + ", " + b + ")").update());
    }

    @Autowired
    javax.sql.DataSource dataSource;

    /** What an attacker with the superuser's password does: switch the append-only triggers off for the session. */
    private void superuser(Consumer<JdbcClient> attack) {
        try (java.sql.Connection owner = org.civitas.support.DatabaseOwner.connect(dataSource, properties.dataDir())) {
            owner.setAutoCommit(false);
            try (var statement = owner.createStatement()) {
                statement.execute("set local session_replication_role = replica");
            }
            attack.accept(JdbcClient.create(new org.springframework.jdbc.datasource.SingleConnectionDataSource(owner, true)));
            owner.commit();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

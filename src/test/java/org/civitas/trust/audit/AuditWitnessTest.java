package org.civitas.trust.audit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.civitas.CivitasTest;
import org.civitas.platform.CivitasProperties;
import org.civitas.support.DatabaseOwner;
import org.civitas.support.WebSession;
import org.civitas.trust.AuditCommandLine;
import org.civitas.trust.SubjectErased;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The witnessed audit log (issue 12): the public checkpoint, key and proofs; a cut-off tail found by
 * {@code audit verify --witness} and by {@code audit witness URL}; a forged queue row refused and
 * recorded; the application's role unable to change the log or switch its triggers off. Same
 * configuration as {@link AuditTamperTest}, so both run in one application context.
 */
@CivitasTest
@TestPropertySource(properties = {"civitas.audit.sequence-every=3600000", "civitas.audit.checkpoint-every=PT1S"})
class AuditWitnessTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    AuditSequencer sequencer;

    @Autowired
    CivitasProperties properties;

    @TempDir
    Path witnessDir;

    @BeforeEach
    void anEmptyQueue() {
        drainQueue();
    }

    @Test
    void theLatestCheckpointIsPublicAsASignedNoteAndIsSignedAgainWhenNothingHappens() throws Exception {
        WebSession anyone = new WebSession(port);
        HttpResponse<String> key = anyone.get("/transparency/key");
        assertThat(key.statusCode()).isEqualTo(200);
        SignedNote.VerifierKey verifier = SignedNote.VerifierKey.parse(key.body());
        assertThat(verifier.toString()).isEqualTo(SignedNote.VerifierKey.of(SignedNote.KEY_NAME, sequencer.key().publicKey()).toString());

        appendEntries(1);
        HttpResponse<String> first = anyone.get("/transparency/checkpoint");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        Checkpoint checkpoint = SignedNote.openCheckpoint(first.body(), verifier);
        assertThat(checkpoint.treeSize()).isEqualTo(treeSize());

        // nothing new: once the interval (1 s here) has passed, the same tree is signed again, later
        Thread.sleep(1_100);
        assertThat(sequencer.sequenceBatch()).isZero();
        Checkpoint again = SignedNote.openCheckpoint(anyone.get("/transparency/checkpoint").body(), verifier);
        assertThat(again.treeSize()).isEqualTo(checkpoint.treeSize());
        assertThat(again.rootHash()).isEqualTo(checkpoint.rootHash());
        assertThat(again.signedAt()).isAfter(checkpoint.signedAt());
        assertThat(verify().exitCode()).isZero();
    }

    @Test
    void proofsFromThePublicEndpointsCheckOutAgainstTheSignedNote() throws Exception {
        appendEntries(3);
        long earlier = treeSize();
        appendEntries(2);
        WebSession anyone = new WebSession(port);
        SignedNote.VerifierKey verifier = SignedNote.VerifierKey.parse(anyone.get("/transparency/key").body());
        Checkpoint latest = SignedNote.openCheckpoint(anyone.get("/transparency/checkpoint").body(), verifier);

        for (long seq : List.of(0L, earlier - 1, latest.treeSize() - 1)) {
            JsonNode proof = JSON.readTree(anyone.get("/transparency/proof/inclusion?seq=" + seq).body());
            Checkpoint signed = SignedNote.openCheckpoint(proof.get("checkpoint").asString(), verifier);
            byte[] leaf = MerkleTree.leafHash(MerkleTree.sha256(), entry(seq));
            assertThat(Base64.getDecoder().decode(proof.get("leafHash").asString())).isEqualTo(leaf);
            assertThat(MerkleTree.verifyInclusion(seq, signed.treeSize(), leaf, hashes(proof.get("path")), signed.rootHash()))
                    .as("inclusion of %d", seq).isTrue();
        }
        byte[] earlierRoot = jdbc.sql("select root_hash from trust.audit_checkpoint where tree_size = ? limit 1").param(earlier)
                .query(byte[].class).single();
        JsonNode consistency = JSON.readTree(anyone.get("/transparency/proof/consistency?from=" + earlier).body());
        Checkpoint to = SignedNote.openCheckpoint(consistency.get("checkpoint").asString(), verifier);
        assertThat(MerkleTree.verifyConsistency(earlier, to.treeSize(), earlierRoot, to.rootHash(), hashes(consistency.get("proof")))).isTrue();

        HttpResponse<String> bad = anyone.get("/transparency/proof/inclusion?seq=1e40000000");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(bad.body()).get("errors").get(0).get("field").asString()).isEqualTo("seq");
        HttpResponse<String> later = anyone.get("/transparency/proof/consistency?from=" + (latest.treeSize() + 1));
        assertThat(later.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(later.body()).get("errors").get(0).get("field").asString()).isEqualTo("from");
    }

    @Test
    void aTailCutOffWithItsCheckpointsIsFoundByTheWitnessHereAndOnAnotherMachine() throws Exception {
        Path local = witnessDir.resolve("local.checkpoint");
        Path remote = witnessDir.resolve("remote.checkpoint");
        String key = new WebSession(port).get("/transparency/key").body().trim();
        appendEntries(2);
        assertThat(verify("--witness", local.toString())).satisfies(v -> assertThat(v.exitCode()).as(v.output()).isZero());
        assertThat(local).exists();
        assertThat(witness(remote, key)).satisfies(v -> assertThat(v.exitCode()).as(v.output()).isZero());

        appendEntries(3);
        long seen = treeSize();
        Run extended = verify("--witness=" + local);
        assertThat(extended.exitCode()).as(extended.output()).isZero();
        assertThat(extended.output()).contains("it extends the checkpoint of tree size");
        Run remoteExtended = witness(remote, key);
        assertThat(remoteExtended.exitCode()).as(remoteExtended.output()).isZero();
        assertThat(remoteExtended.output()).contains("it extends the checkpoint of tree size");

        // the attack: the last two entries go, with every checkpoint and subtree past them
        long cut = seen - 2;
        Saved saved = cutTheTail(cut);
        try {
            assertThat(verify().exitCode()).as("the log is consistent in itself: alone, verify cannot tell").isZero();
            Run caught = verify("--witness", local.toString());
            assertThat(caught.exitCode()).isEqualTo(AuditCommand.TAMPERED);
            assertThat(caught.output()).contains("FAILED: the log's latest signed checkpoint has tree size " + cut
                    + ", fewer entries than the checkpoint of tree size " + seen, "entries were cut off the end of the log");
            Run remoteCaught = witness(remote, key);
            assertThat(remoteCaught.exitCode()).isEqualTo(AuditCommand.TAMPERED);
            assertThat(remoteCaught.output()).contains("entries were cut off the end of the log");
            assertThat(SignedNote.openCheckpoint(Files.readString(local), SignedNote.VerifierKey.parse(key)).treeSize())
                    .as("a witness that failed keeps what it saw").isEqualTo(seen);
        } finally {
            saved.restore();
        }
        assertThat(verify("--witness", local.toString()).exitCode()).isZero();
    }

    @Test
    void aRowPutIntoTheQueueByAnyoneButCivitasIsRefusedAndRecorded() {
        String marker = "forged-" + UUID.randomUUID();
        byte[] forged = ("{\"action\":\"identity.AccountDeleted\",\"actor\":{\"kind\":\"system\"},\"values\":{\"note\":\"" + marker + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        long before = treeSize();
        transactions.executeWithoutResult(status -> events.publishEvent(new SubjectErased(UUID.randomUUID())));
        long noMac = jdbc.sql("insert into trust.audit_queue (entry) values (?) returning id").param(forged).query(Long.class).single();
        long badMac = jdbc.sql("insert into trust.audit_queue (entry, mac) values (?, ?) returning id")
                .params(forged, sequencer.key().queueMac("something else".getBytes(StandardCharsets.UTF_8))).query(Long.class).single();
        drainQueue();

        assertThat(treeSize()).isEqualTo(before + 3);
        assertThat(text(before)).contains("\"action\":\"trust.SubjectErased\"");
        assertThat(text(before + 1)).contains("\"action\":\"trust.AuditEntryRefused\"", "\"queueRow\":" + noMac, "\"reason\":\"no-mac\"",
                "\"kind\":\"system\"");
        assertThat(text(before + 2)).contains("\"action\":\"trust.AuditEntryRefused\"", "\"queueRow\":" + badMac, "\"reason\":\"bad-mac\"");
        assertThat(jdbc.sql("select count(*) from trust.audit_log where position(convert_to(?, 'UTF8') in entry) > 0").param(marker)
                .query(Long.class).single()).as("the forged bytes are signed nowhere").isZero();
        assertThat(verify().exitCode()).isZero();
    }

    @Test
    void theApplicationsRoleCannotChangeTheLogNorSwitchItsTriggersOff() throws Exception {
        appendEntries(1);
        assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("civitas_app");
        for (String statement : List.of(
                "update trust.audit_log set entry = entry || 'x'::bytea",
                "delete from trust.audit_log",
                "truncate trust.audit_log",
                "update trust.audit_checkpoint set signature = signature",
                "delete from trust.audit_checkpoint",
                "truncate trust.audit_checkpoint cascade",
                "update trust.audit_node set hash = hash",
                "delete from trust.audit_node",
                "update trust.audit_queue set entry = entry")) {
            assertThatThrownBy(() -> jdbc.sql(statement).update()).as(statement).hasStackTraceContaining("permission denied");
        }
        for (String statement : List.of(
                "alter table trust.audit_log disable trigger audit_log_append_only",
                "alter table trust.audit_checkpoint disable trigger all",
                "drop trigger audit_node_append_only on trust.audit_node")) {
            assertThatThrownBy(() -> jdbc.sql(statement).update()).as(statement).hasStackTraceContaining("must be owner");
        }
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> jdbc.sql("set local session_replication_role = replica").update()))
                .hasStackTraceContaining("permission denied");

        try (Connection owner = DatabaseOwner.connect(dataSource, properties.dataDir()); Statement statement = owner.createStatement()) {
            // the owner's triggers still refuse
            assertThatThrownBy(() -> statement.executeUpdate("delete from trust.audit_log")).hasMessageContaining("append-only");
            // a table made after the migrations (as another module's later migration makes one) is the application's to use
            statement.execute("create table platform.made_later (id int)");
            try {
                assertThat(jdbc.sql("insert into platform.made_later (id) values (1)").update()).isEqualTo(1);
                assertThat(jdbc.sql("select count(*) from platform.made_later").query(Long.class).single()).isEqualTo(1);
            } finally {
                statement.execute("drop table platform.made_later");
            }
        }
        assertThat(jdbc.sql("select has_table_privilege('identity.spring_session', 'insert, update, delete')").query(Boolean.class).single())
                .as("sessions stay writable").isTrue();
    }

    private record Saved(List<Object[]> entries, List<Object[]> nodes, List<Object[]> checkpoints, Connection owner) {
        void restore() throws Exception {
            try (owner) {
                insert("insert into trust.audit_log (seq, entry, leaf_hash, sequenced_at) values (?, ?, ?, ?)", entries);
                insert("insert into trust.audit_node (level, idx, hash) values (?, ?, ?)", nodes);
                insert("insert into trust.audit_checkpoint (tree_size, root_hash, signed_at, signature) values (?, ?, ?, ?)", checkpoints);
                owner.commit();
            }
        }

        private void insert(String sql, List<Object[]> rows) throws Exception {
            try (PreparedStatement insert = owner.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        insert.setObject(i + 1, row[i]);
                    }
                    insert.executeUpdate();
                }
            }
        }
    }

    /** As an attacker with the superuser's password: every entry from {@code cut} on, its subtrees and the checkpoints past it, gone. */
    private Saved cutTheTail(long cut) throws Exception {
        Connection owner = DatabaseOwner.connect(dataSource, properties.dataDir());
        owner.setAutoCommit(false);
        try (Statement statement = owner.createStatement()) {
            statement.execute("set session_replication_role = replica");
        }
        Saved saved = new Saved(rows(owner, "select seq, entry, leaf_hash, sequenced_at from trust.audit_log where seq >= " + cut),
                rows(owner, "select level, idx, hash from trust.audit_node where (idx + 1) * (1::bigint << level) > " + cut),
                rows(owner, "select tree_size, root_hash, signed_at, signature from trust.audit_checkpoint where tree_size > " + cut), owner);
        try (Statement statement = owner.createStatement()) {
            statement.executeUpdate("delete from trust.audit_log where seq >= " + cut);
            statement.executeUpdate("delete from trust.audit_node where (idx + 1) * (1::bigint << level) > " + cut);
            statement.executeUpdate("delete from trust.audit_checkpoint where tree_size > " + cut);
        }
        owner.commit();
        return saved;
    }

    private static List<Object[]> rows(Connection connection, String sql) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                Object[] row = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = result.getObject(i + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private void appendEntries(int batches) {
        for (int i = 0; i < batches; i++) {
            transactions.executeWithoutResult(status -> events.publishEvent(new SubjectErased(UUID.randomUUID())));
            drainQueue();
        }
    }

    private void drainQueue() {
        while (jdbc.sql("select count(*) from trust.audit_queue").query(Long.class).single() > 0) {
            sequencer.sequenceBatch();
        }
    }

    private long treeSize() {
        return jdbc.sql("select coalesce(max(tree_size), 0) from trust.audit_checkpoint").query(Long.class).single();
    }

    private byte[] entry(long seq) {
        return jdbc.sql("select entry from trust.audit_log where seq = ?").param(seq).query(byte[].class).single();
    }

    private String text(long seq) {
        return new String(entry(seq), StandardCharsets.UTF_8);
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> hashes = new ArrayList<>();
        array.forEach(hash -> hashes.add(Base64.getDecoder().decode(hash.asString())));
        return hashes;
    }

    record Run(int exitCode, String output) {
    }

    private Run verify(String... extra) {
        String[] args = new String[extra.length + 2];
        args[0] = "verify";
        args[1] = "--civitas.data-dir=" + properties.dataDir();
        System.arraycopy(extra, 0, args, 2, extra.length);
        return run(args);
    }

    private Run witness(Path file, String key) {
        return run("witness", "http://localhost:" + port, file.toString(), "--key=" + key);
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            code = AuditCommandLine.run(args, print, print);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8));
    }
}

package org.civitas.trust.audit;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.sql.DataSource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.Violation;
import org.civitas.platform.input.Parsed;
import org.civitas.platform.input.Sizes;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Administrators check the audit log: verify it, export it for an outside party, and obtain
 * inclusion and consistency proofs against signed checkpoints (docs/audit.md).
 */
@RestController
@RequestMapping(path = "/api/v1/admin/audit", produces = "application/json")
@Tag(name = "Audit log", description = "The tamper-evident audit log: verification, export, inclusion and consistency proofs")
class AuditApi {

    static final String VERIFY_OK = """
            {"intact":true,"treeSize":1284,"rootHash":"5c1f0e3a9d7b2c4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4",
             "checkpointAt":"2026-11-28T16:20:01.123Z","firstBadSequence":null,"problem":null}""";
    static final String VERIFY_FAILED = """
            {"intact":false,"treeSize":0,"rootHash":null,"checkpointAt":null,"firstBadSequence":417,"problem":"altered"}""";
    static final String INCLUSION = """
            {"seq":5,"treeSize":8,"leafHash":"9f2c...e1","entry":"eyJlbnRyeSI6ey...fQ==","path":["1a2b...","3c4d...","5e6f..."],
             "rootHash":"7a8b...","signedAt":"2026-11-28T16:20:01.123Z","signature":"q83v...=="}""";
    static final String CONSISTENCY = """
            {"from":5,"to":8,"fromRoot":"11aa...","toRoot":"7a8b...","proof":["22bb...","33cc...","44dd..."]}""";

    record Verification(boolean intact, long treeSize, @Schema(description = "hex") String rootHash, String checkpointAt,
                        @Schema(description = "The first sequence number that does not match; null when intact") Long firstBadSequence,
                        @Schema(example = "altered", description = "missing, altered, moved, root_mismatch, bad_signature or not_checkpointed")
                        String problem) {
    }

    record InclusionProof(long seq, long treeSize, String leafHash, @Schema(description = "The entry's bytes, base64") String entry,
                          @Schema(description = "RFC 6962 audit path, hex, bottom up") List<String> path, String rootHash,
                          String signedAt, @Schema(description = "Ed25519 over the checkpoint's signed text, base64") String signature) {
    }

    record ConsistencyProof(long from, long to, String fromRoot, String toRoot,
                            @Schema(description = "RFC 6962 consistency proof, hex") List<String> proof) {
    }

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final AuditSequencer sequencer;

    AuditApi(DataSource dataSource, JdbcClient jdbc, AuditSequencer sequencer) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.sequencer = sequencer;
    }

    @GetMapping("/verify")
    @Operation(summary = "Verify the audit log",
            description = "Recomputes every leaf hash and the tree, checks every checkpoint's root and the latest checkpoint's signature. "
                    + "The same check as the command java -jar civitas.jar audit verify.")
    @ApiResponse(responseCode = "200", description = "The verdict", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Verification.class),
            examples = {@ExampleObject(name = "intact", value = VERIFY_OK), @ExampleObject(name = "tampered", value = VERIFY_FAILED)}))
    Verification verify(@Parameter(description = "Check every checkpoint's signature, not only the latest one's (slower: about a "
            + "millisecond per checkpoint)", example = "false") @RequestParam(defaultValue = "false") boolean allSignatures) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            AuditVerifier.Result result = AuditVerifier.verify(connection, sequencer.key().publicKey(), allSignatures);
            return new Verification(result.intact(), result.treeSize(), hex(result.rootHash()),
                    result.checkpointAt() == null ? null : Checkpoint.time(result.checkpointAt()), result.firstBadSequence(),
                    result.problem() == null ? null : result.problem().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @GetMapping("/export")
    @Operation(summary = "Export the audit log",
            description = "Streams the public key, every signed checkpoint and every entry (its bytes in base64), from one consistent "
                    + "snapshot: enough for an outside party to verify the log with the algorithm in docs/audit.md.")
    @ApiResponse(responseCode = "200", description = "The export", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(value = """
                    {"format":"civitas-audit-export/v1","publicKey":"MCowBQYDK2VwAyEA...","checkpoints":[{"treeSize":3,
                     "rootHash":"7a8b...","signedAt":"2026-11-28T16:20:01.123Z","signature":"q83v...=="}],
                     "entries":[{"seq":0,"entry":"eyJlbnRyeSI6ey...fQ==","leafHash":"9f2c..."}]}""")))
    ResponseEntity<StreamingResponseBody> export() {
        String publicKey = sequencer.key().publicKeyBase64();
        StreamingResponseBody body = out -> {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                writer.write("{\"format\":\"civitas-audit-export/v1\",\"publicKey\":\"" + publicKey + "\",\"checkpoints\":[");
                long size = 0;
                try (PreparedStatement select = connection.prepareStatement(
                        "select tree_size, root_hash, signed_at, signature from trust.audit_checkpoint order by tree_size, signed_at");
                     ResultSet rows = select.executeQuery()) {
                    boolean first = true;
                    while (rows.next()) {
                        size = rows.getLong(1);
                        writer.write((first ? "" : ",") + "\n{\"treeSize\":" + size + ",\"rootHash\":\"" + hex(rows.getBytes(2))
                                + "\",\"signedAt\":\"" + Checkpoint.time(rows.getTimestamp(3).toInstant()) + "\",\"signature\":\""
                                + Base64.getEncoder().encodeToString(rows.getBytes(4)) + "\"}");
                        first = false;
                    }
                }
                writer.write("],\"entries\":[");
                try (PreparedStatement select = connection.prepareStatement(
                        "select seq, entry, leaf_hash from trust.audit_log where seq < ? order by seq")) {
                    select.setLong(1, size);
                    select.setFetchSize(2_000);
                    try (ResultSet rows = select.executeQuery()) {
                        boolean first = true;
                        while (rows.next()) {
                            writer.write((first ? "" : ",") + "\n{\"seq\":" + rows.getLong(1) + ",\"entry\":\""
                                    + Base64.getEncoder().encodeToString(rows.getBytes(2)) + "\",\"leafHash\":\"" + hex(rows.getBytes(3)) + "\"}");
                            first = false;
                        }
                    }
                }
                writer.write("]}\n");
                writer.flush();
                connection.rollback();
            } catch (SQLException e) {
                throw new java.io.IOException("the audit export could not be read", e);
            }
        };
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @GetMapping("/proof/inclusion")
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    @Operation(summary = "Inclusion proof for one entry",
            description = "The RFC 6962 audit path from the entry's leaf hash to the root of a signed checkpoint (the latest when treeSize is not given).")
    @ApiResponse(responseCode = "200", description = "The proof", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = InclusionProof.class), examples = @ExampleObject(value = INCLUSION)))
    InclusionProof inclusion(@Parameter(description = "The entry's sequence number", example = "5") @RequestParam(required = false) String seq,
                             @Parameter(description = "The size of a signed checkpoint; the latest when absent", example = "8")
                             @RequestParam(required = false) String treeSize) {
        List<Violation> violations = new ArrayList<>();
        Long entry = number(seq, "seq", true, violations);
        Long size = number(treeSize, "treeSize", false, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        StoredCheckpoint checkpoint = size == null ? latest() : checkpoint(size, "treeSize");
        if (checkpoint == null) {
            throw new InvalidInput(List.of(new Violation("treeSize", "trust.audit.treeSize.checkpoint")));
        }
        if (entry >= checkpoint.treeSize()) {
            throw new InvalidInput(List.of(new Violation("seq", "trust.audit.seq.range")));
        }
        StoredTree tree = new StoredTree(jdbc);
        byte[] leaf = StoredTree.subtree(jdbc, 0, entry);
        byte[] bytes = jdbc.sql("select entry from trust.audit_log where seq = ?").param(entry).query(byte[].class).single();
        return new InclusionProof(entry, checkpoint.treeSize(), hex(leaf), Base64.getEncoder().encodeToString(bytes),
                tree.inclusionPath(entry, checkpoint.treeSize()).stream().map(AuditApi::hex).toList(), hex(checkpoint.rootHash()),
                Checkpoint.time(checkpoint.signedAt().toInstant()), Base64.getEncoder().encodeToString(checkpoint.signature()));
    }

    @GetMapping("/proof/consistency")
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    @Operation(summary = "Consistency proof between two checkpoints",
            description = "The RFC 6962 proof that the tree of size `to` extends the tree of size `from`: nothing in the first was changed or removed.")
    @ApiResponse(responseCode = "200", description = "The proof", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ConsistencyProof.class), examples = @ExampleObject(value = CONSISTENCY)))
    ConsistencyProof consistency(@Parameter(description = "The size of the earlier signed checkpoint", example = "5")
                                 @RequestParam(required = false) String from,
                                 @Parameter(description = "The size of the later signed checkpoint; the latest when absent", example = "8")
                                 @RequestParam(required = false) String to) {
        List<Violation> violations = new ArrayList<>();
        Long first = number(from, "from", true, violations);
        Long second = number(to, "to", false, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        StoredCheckpoint older = checkpoint(first, "from");
        StoredCheckpoint newer = second == null ? latest() : checkpoint(second, "to");
        if (older == null) {
            throw new InvalidInput(List.of(new Violation("from", "trust.audit.from.checkpoint")));
        }
        if (newer == null) {
            throw new InvalidInput(List.of(new Violation("to", "trust.audit.to.checkpoint")));
        }
        if (older.treeSize() > newer.treeSize()) {
            throw new InvalidInput(List.of(new Violation("from", "trust.audit.from.order")));
        }
        return new ConsistencyProof(older.treeSize(), newer.treeSize(), hex(older.rootHash()), hex(newer.rootHash()),
                new StoredTree(jdbc).consistencyProof(older.treeSize(), newer.treeSize()).stream().map(AuditApi::hex).toList());
    }

    record StoredCheckpoint(long treeSize, byte[] rootHash, java.sql.Timestamp signedAt, byte[] signature) {
    }

    private StoredCheckpoint latest() {
        return jdbc.sql("select tree_size, root_hash, signed_at, signature from trust.audit_checkpoint order by tree_size desc, signed_at desc limit 1")
                .query(StoredCheckpoint.class).optional().orElse(null);
    }

    private StoredCheckpoint checkpoint(long size, String field) {
        return jdbc.sql("select tree_size, root_hash, signed_at, signature from trust.audit_checkpoint where tree_size = ? order by signed_at desc limit 1")
                .param(size).query(StoredCheckpoint.class).optional().orElse(null);
    }

    private static Long number(String value, String field, boolean required, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            if (required) {
                violations.add(new Violation(field, "trust.audit." + field + ".required"));
            }
            return null;
        }
        Parsed<Long> parsed = Sizes.parse(value, Long.MAX_VALUE);
        if (!parsed.ok()) {
            violations.add(new Violation(field, "trust.audit." + field + ".number"));
        }
        return parsed.orElse(null);
    }

    static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }

}

package org.civitas.trust.audit;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.swagger.v3.oas.annotations.Hidden;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.Violation;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log for everyone, without signing in (docs/audit.md, "Witnessing"): the latest signed
 * checkpoint as a C2SP signed note, the note verifier key, and inclusion and consistency proofs
 * against signed checkpoints, so a witness on another machine can check that the log only grows.
 * Nothing here reveals an entry: a proof carries hashes only.
 */
@RestController
@RequestMapping("/transparency")
@Hidden // not part of the native API's OpenAPI document (/api/v1); documented in docs/audit.md
class TransparencyApi {

    static final MediaType TEXT = new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8);

    record InclusionProof(long seq, long treeSize, String leafHash, List<String> path, String checkpoint) {
    }

    record ConsistencyProof(long from, long to, List<String> proof, String checkpoint) {
    }

    private final JdbcClient jdbc;
    private final AuditSequencer sequencer;
    private final MessageSource messages;

    TransparencyApi(JdbcClient jdbc, AuditSequencer sequencer, MessageSource messages) {
        this.jdbc = jdbc;
        this.sequencer = sequencer;
        this.messages = messages;
    }

    SignedNote.VerifierKey verifierKey() {
        return SignedNote.VerifierKey.of(SignedNote.KEY_NAME, sequencer.key().publicKey());
    }

    @GetMapping("/key")
    ResponseEntity<String> key() {
        return ResponseEntity.ok().contentType(TEXT).cacheControl(CacheControl.noCache()).body(verifierKey() + "\n");
    }

    @GetMapping("/checkpoint")
    @Transactional(readOnly = true)
    ResponseEntity<String> checkpoint() {
        Checkpoint latest = latest();
        if (latest == null) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(TEXT)
                    .body(messages.getMessage("trust.transparency.noCheckpoint", null, LocaleContextHolder.getLocale()) + "\n");
        }
        return ResponseEntity.ok().contentType(TEXT).cacheControl(CacheControl.noCache()).body(SignedNote.note(latest, verifierKey()));
    }

    @GetMapping(path = "/proof/inclusion", produces = "application/json")
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    InclusionProof inclusion(@RequestParam(required = false) String seq, @RequestParam(required = false) String treeSize) {
        List<Violation> violations = new ArrayList<>();
        Long entry = number(seq, "seq", true, violations);
        Long size = number(treeSize, "treeSize", false, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        Checkpoint checkpoint = size == null ? latest() : checkpoint(size);
        if (checkpoint == null) {
            throw new InvalidInput(List.of(new Violation("treeSize", "trust.transparency.treeSize.checkpoint")));
        }
        if (entry >= checkpoint.treeSize()) {
            throw new InvalidInput(List.of(new Violation("seq", "trust.transparency.seq.range")));
        }
        StoredTree tree = new StoredTree(jdbc);
        return new InclusionProof(entry, checkpoint.treeSize(), base64(StoredTree.subtree(jdbc, 0, entry)),
                tree.inclusionPath(entry, checkpoint.treeSize()).stream().map(TransparencyApi::base64).toList(),
                SignedNote.note(checkpoint, verifierKey()));
    }

    /**
     * The proof that the signed tree of size {@code to} (the latest when absent) extends the tree of
     * the first {@code from} entries: what a witness that saw a checkpoint of size {@code from} asks for.
     */
    @GetMapping(path = "/proof/consistency", produces = "application/json")
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    ConsistencyProof consistency(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        List<Violation> violations = new ArrayList<>();
        Long first = number(from, "from", true, violations);
        Long second = number(to, "to", false, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        Checkpoint newer = second == null ? latest() : checkpoint(second);
        if (newer == null) {
            throw new InvalidInput(List.of(new Violation("to", "trust.transparency.to.checkpoint")));
        }
        if (first > newer.treeSize()) {
            throw new InvalidInput(List.of(new Violation("from", "trust.transparency.from.order")));
        }
        return new ConsistencyProof(first, newer.treeSize(),
                new StoredTree(jdbc).consistencyProof(first, newer.treeSize()).stream().map(TransparencyApi::base64).toList(),
                SignedNote.note(newer, verifierKey()));
    }

    private record Row(long treeSize, byte[] rootHash, Timestamp signedAt, byte[] signature) {
        Checkpoint checkpoint() {
            return new Checkpoint(treeSize, rootHash, signedAt.toInstant(), signature);
        }
    }

    private Checkpoint latest() {
        return jdbc.sql("select tree_size, root_hash, signed_at, signature from trust.audit_checkpoint order by tree_size desc, signed_at desc limit 1")
                .query(Row.class).optional().map(Row::checkpoint).orElse(null);
    }

    private Checkpoint checkpoint(long size) {
        return jdbc.sql("select tree_size, root_hash, signed_at, signature from trust.audit_checkpoint where tree_size = ? order by signed_at desc limit 1")
                .param(size).query(Row.class).optional().map(Row::checkpoint).orElse(null);
    }

    private static Long number(String value, String field, boolean required, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            if (required) {
                violations.add(new Violation(field, "trust.transparency." + field + ".required"));
            }
            return null;
        }
        String digits = value.trim();
        // at most 18 digits: every such number fits a long, so nothing is parsed that could overflow
        if (digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            violations.add(new Violation(field, "trust.transparency." + field + ".number"));
            return null;
        }
        return Long.parseLong(digits);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}

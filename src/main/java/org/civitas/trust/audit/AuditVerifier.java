package org.civitas.trust.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Recomputes the whole log from its entries and checks it against the latest signed checkpoint.
 * It trusts nothing stored but the entries' bytes and the public key: sequence numbers must run
 * 0, 1, 2... with no gap; each entry must name its own sequence number; each stored leaf hash must
 * be SHA-256(0x00 || entry); at every checkpoint's size the recomputed root must equal the
 * checkpoint's root (which locates a change to the checkpoint that first covered it); the latest
 * checkpoint's Ed25519 signature must hold, and its root commits to every entry. Earlier
 * signatures are not checked here: with a checkpoint per busy second they would cost far more than
 * the hashing (an Ed25519 verification in JDK 17 costs as much as hashing thousands of entries),
 * and they add nothing to the latest one's proof; whoever relies on an earlier checkpoint (an
 * inclusion or consistency proof) checks its signature then. Asked to ({@code allSignatures}),
 * it checks every checkpoint's signature too. The first failure is reported with
 * the first sequence number that does not match (for a root or signature that fails while every
 * leaf matched, the first entry the checkpoint added).
 */
public final class AuditVerifier {

    public enum Problem {
        /** an entry's sequence number is missing (deleted) */
        MISSING,
        /** an entry's bytes do not hash to its stored leaf hash */
        ALTERED,
        /** an entry sits at another sequence number than the one it was sequenced with */
        MOVED,
        /** the recomputed root differs from the checkpoint's signed root */
        ROOT_MISMATCH,
        /** the latest checkpoint's signature (or with allSignatures any checkpoint's) does not verify with the public key */
        BAD_SIGNATURE,
        /** entries that no signed checkpoint covers */
        NOT_CHECKPOINTED
    }

    /**
     * The verdict. When intact, {@code latest} is the latest signed checkpoint (null for a log that has
     * none) and {@code witnessedRoot} the recomputed root of the tree size a witness asked about (null
     * when none was asked or the log is shorter).
     */
    public record Result(boolean intact, long treeSize, byte[] rootHash, Instant checkpointAt, Long firstBadSequence, Problem problem,
                         Long checkpointTreeSize, Checkpoint latest, byte[] witnessedRoot) {

        static Result failed(long seq, Problem problem, Long checkpoint) {
            return new Result(false, 0, null, null, seq, problem, checkpoint, null, null);
        }

        public String describe() {
            if (intact) {
                return "OK: the audit log is intact; tree size " + treeSize + ", root " + java.util.HexFormat.of().formatHex(rootHash)
                        + (checkpointAt == null ? "" : ", signed " + Checkpoint.time(checkpointAt));
            }
            return "FAILED: sequence number " + firstBadSequence + " does not match (" + problem.name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', ' ') + (checkpointTreeSize == null ? "" : ", checkpoint of tree size " + checkpointTreeSize) + ")";
        }
    }

    private AuditVerifier() {
    }

    /** Verifies the log in one consistent snapshot of the database, streaming the entries. */
    public static Result verify(Connection connection, PublicKey key) throws SQLException {
        return verify(connection, key, false);
    }

    public static Result verify(Connection connection, PublicKey key, boolean allSignatures) throws SQLException {
        return verify(connection, key, allSignatures, -1);
    }

    /** As above; also recomputes the root of the first {@code witnessSize} entries (none when negative) for a witness. */
    public static Result verify(Connection connection, PublicKey key, boolean allSignatures, long witnessSize) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            List<Checkpoint> checkpoints = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select tree_size, root_hash, signed_at, signature from trust.audit_checkpoint order by tree_size, signed_at");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    checkpoints.add(new Checkpoint(rows.getLong(1), rows.getBytes(2), rows.getTimestamp(3).toInstant(), rows.getBytes(4)));
                }
            }
            Walk walk = new Walk(checkpoints, key, allSignatures);
            walk.witness(witnessSize);
            try (PreparedStatement select = connection.prepareStatement("select seq, entry, leaf_hash from trust.audit_log order by seq")) {
                select.setFetchSize(2_000);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Result failure = walk.add(rows.getLong(1), rows.getBytes(2), rows.getBytes(3));
                        if (failure != null) {
                            return failure;
                        }
                    }
                }
            }
            return walk.finish();
        } finally {
            connection.rollback();
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The verification itself, fed entries in the order they are stored; no database (the benchmark runs it alone). */
    public static final class Walk {

        private final List<Checkpoint> checkpoints;
        private final PublicKey key;
        private final MessageDigest digest = MerkleTree.sha256();
        private final MerkleTree.Frontier frontier = new MerkleTree.Frontier(digest);
        private int nextCheckpoint;
        private final boolean allSignatures;
        private long checkpointStart;
        private boolean started;
        private long witnessSize = -1;
        private byte[] witnessedRoot;

        public Walk(List<Checkpoint> checkpoints, PublicKey key) {
            this(checkpoints, key, false);
        }

        public Walk(List<Checkpoint> checkpoints, PublicKey key, boolean allSignatures) {
            this.checkpoints = checkpoints;
            this.key = key;
            this.allSignatures = allSignatures;
        }

        /** Asks for the recomputed root of the first {@code size} entries (a checkpoint a witness saw). */
        public void witness(long size) {
            this.witnessSize = size;
            if (size == 0) {
                witnessedRoot = MerkleTree.emptyRoot();
            }
        }

        /** Checkpoints of the empty tree are checked before the first entry. */
        private Result start() {
            if (started) {
                return null;
            }
            started = true;
            return checkpointReached();
        }

        /** Adds the next stored entry; returns the failure, or null while everything matches. */
        public Result add(long seq, byte[] entry, byte[] storedLeafHash) {
            Result early = start();
            if (early != null) {
                return early;
            }
            long expected = frontier.size();
            if (seq != expected) {
                return Result.failed(expected, Problem.MISSING, null);
            }
            if (nextCheckpoint >= checkpoints.size()) {
                return Result.failed(seq, Problem.NOT_CHECKPOINTED, null);
            }
            byte[] leaf = MerkleTree.leafHash(digest, entry);
            if (!Arrays.equals(leaf, storedLeafHash)) {
                return Result.failed(seq, Problem.ALTERED, null);
            }
            if (!namesItself(entry, seq)) {
                return Result.failed(seq, Problem.MOVED, null);
            }
            frontier.append(leaf, null);
            if (frontier.size() == witnessSize) {
                witnessedRoot = frontier.root();
            }
            return checkpointReached();
        }

        private Result checkpointReached() {
            while (nextCheckpoint < checkpoints.size() && checkpoints.get(nextCheckpoint).treeSize() == frontier.size()) {
                Checkpoint checkpoint = checkpoints.get(nextCheckpoint);
                boolean signatureChecked = allSignatures || nextCheckpoint == checkpoints.size() - 1;
                if (signatureChecked && !AuditSigningKey.verify(key, checkpoint.signedBytes(), checkpoint.signature())) {
                    return Result.failed(checkpointStart, Problem.BAD_SIGNATURE, checkpoint.treeSize());
                }
                if (!Arrays.equals(frontier.root(), checkpoint.rootHash())) {
                    return Result.failed(checkpointStart, Problem.ROOT_MISMATCH, checkpoint.treeSize());
                }
                checkpointStart = checkpoint.treeSize();
                nextCheckpoint++;
            }
            return null;
        }

        /** After the last entry: every checkpoint must have been reached. */
        public Result finish() {
            Result early = start();
            if (early != null) {
                return early;
            }
            if (nextCheckpoint < checkpoints.size()) {
                return Result.failed(frontier.size(), Problem.MISSING, checkpoints.get(nextCheckpoint).treeSize());
            }
            if (checkpoints.isEmpty()) {
                return new Result(true, 0, MerkleTree.emptyRoot(), null, null, null, null, null, witnessedRoot);
            }
            Checkpoint latest = checkpoints.get(checkpoints.size() - 1);
            return new Result(true, latest.treeSize(), latest.rootHash(), latest.signedAt(), null, null, latest.treeSize(), latest,
                    witnessedRoot);
        }

        /** Does the entry end in ,"seq":<seq>} ? Read backwards without allocating: this runs once per entry. */
        static boolean namesItself(byte[] entry, long seq) {
            int i = entry.length - 1;
            if (i < 0 || entry[i--] != '}') {
                return false;
            }
            long value = seq;
            do {
                if (i < 0 || entry[i--] != '0' + (int) (value % 10)) {
                    return false;
                }
                value /= 10;
            } while (value > 0);
            byte[] key = {',', '"', 's', 'e', 'q', '"', ':'};
            for (int k = key.length - 1; k >= 0; k--) {
                if (i < 0 || entry[i--] != key[k]) {
                    return false;
                }
            }
            return true;
        }
    }
}

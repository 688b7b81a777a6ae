package org.civitas.trust.audit;

import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hashes of ranges of the stored tree, built from the perfect subtrees the sequencer stored, for
 * inclusion and consistency proofs: O(log n) rows per range. These stored hashes are not trusted by
 * verification (which recomputes everything from the entries); a proof is checked against a
 * signed root by whoever receives it.
 */
final class StoredTree implements MerkleTree.RangeHashes {

    private final JdbcClient jdbc;
    private final MessageDigest digest = MerkleTree.sha256();
    private final Map<String, byte[]> cache = new HashMap<>();

    StoredTree(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static byte[] subtree(JdbcClient jdbc, int level, long index) {
        if (level == 0) {
            return jdbc.sql("select leaf_hash from trust.audit_log where seq = ?").param(index).query(byte[].class).single();
        }
        return jdbc.sql("select hash from trust.audit_node where level = ? and idx = ?").params((short) level, index)
                .query(byte[].class).single();
    }

    @Override
    public byte[] hash(long from, long to) {
        long n = to - from;
        if (Long.bitCount(n) == 1 && from % n == 0) {
            int level = Long.numberOfTrailingZeros(n);
            return cache.computeIfAbsent(level + ":" + from, k -> subtree(jdbc, level, from >> level));
        }
        long k = MerkleTree.split(n);
        return MerkleTree.nodeHash(digest, hash(from, from + k), hash(from + k, to));
    }

    List<byte[]> inclusionPath(long seq, long treeSize) {
        return MerkleTree.inclusionPath(seq, 0, treeSize, this);
    }

    List<byte[]> consistencyProof(long from, long to) {
        return MerkleTree.consistencyProof(from, to, this);
    }
}

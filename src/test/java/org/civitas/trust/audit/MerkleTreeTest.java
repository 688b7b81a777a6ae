package org.civitas.trust.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tree against RFC 6962's recursive definition, for every tree size up to 70: the frontier's
 * roots, the subtrees it reports (what the sequencer stores), every inclusion and consistency
 * proof built from those stored subtrees, and proofs that must fail.
 */
class MerkleTreeTest {

    private final MessageDigest digest = MerkleTree.sha256();

    @Test
    void rootsProofsAndStoredSubtreesFollowRfc6962() {
        List<byte[]> leaves = new ArrayList<>();
        Map<String, byte[]> stored = new HashMap<>();
        MerkleTree.Frontier frontier = new MerkleTree.Frontier(digest);
        List<byte[]> roots = new ArrayList<>();
        roots.add(MerkleTree.emptyRoot());
        for (int i = 0; i < 70; i++) {
            byte[] leaf = MerkleTree.leafHash(digest, ("entry " + i).getBytes(StandardCharsets.UTF_8));
            leaves.add(leaf);
            stored.put("0:" + i, leaf);
            frontier.append(leaf, (level, index, hash) -> stored.put(level + ":" + index, hash));
            assertThat(frontier.root()).as("root of %d", i + 1).isEqualTo(mth(leaves, 0, leaves.size()));
            roots.add(frontier.root());
        }
        MerkleTree.RangeHashes hashes = (from, to) -> range(stored, from, to);
        for (int n = 1; n <= 70; n++) {
            for (int m = 0; m < n; m++) {
                List<byte[]> path = MerkleTree.inclusionPath(m, 0, n, hashes);
                assertThat(MerkleTree.verifyInclusion(m, n, leaves.get(m), path, roots.get(n))).as("inclusion %d in %d", m, n).isTrue();
                assertThat(MerkleTree.verifyInclusion(m, n, leaves.get((m + 1) % n), path, roots.get(n)))
                        .as("another leaf at %d in %d", m, n).isEqualTo(n == 1);
            }
            for (int m = 1; m <= n; m++) {
                List<byte[]> proof = MerkleTree.consistencyProof(m, n, hashes);
                assertThat(MerkleTree.verifyConsistency(m, n, roots.get(m), roots.get(n), proof)).as("consistency %d -> %d", m, n).isTrue();
                if (m < n) {
                    assertThat(MerkleTree.verifyConsistency(m, n, roots.get(m - 1 == 0 ? 1 : m - 1), roots.get(n), proof))
                            .as("wrong old root %d -> %d", m, n).isEqualTo(m == 1);
                }
            }
        }
        // a frontier rebuilt from stored subtrees carries on as the original
        MerkleTree.Frontier resumed = new MerkleTree.Frontier(digest, 45, MerkleTree.Frontier.subtrees(45).stream()
                .map(s -> stored.get(s[0] + ":" + s[1])).toList());
        for (int i = 45; i < 70; i++) {
            resumed.append(leaves.get(i), null);
        }
        assertThat(resumed.root()).isEqualTo(roots.get(70));
    }

    private byte[] range(Map<String, byte[]> stored, long from, long to) {
        long n = to - from;
        if (Long.bitCount(n) == 1 && from % n == 0) {
            int level = Long.numberOfTrailingZeros(n);
            return stored.get(level + ":" + (from >> level));
        }
        long k = MerkleTree.split(n);
        return MerkleTree.nodeHash(digest, range(stored, from, from + k), range(stored, from + k, to));
    }

    /** RFC 6962 section 2.1, literally. */
    private byte[] mth(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leaves.get(from);
        }
        int k = Integer.highestOneBit(n - 1);
        return MerkleTree.nodeHash(digest, mth(leaves, from, from + k), mth(leaves, from + k, to));
    }

    @Test
    void leafAndNodeHashesArePrefixed() {
        byte[] empty = new byte[0];
        assertThat(Arrays.equals(MerkleTree.leafHash(digest, empty), digest.digest(new byte[] {0}))).isTrue();
    }
}

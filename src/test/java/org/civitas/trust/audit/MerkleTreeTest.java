package org.civitas.trust.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
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
    void leafAndNodeHashesArePrefixedAsRfc6962Says() {
        byte[] left = MerkleTree.leafHash(digest, "left".getBytes(StandardCharsets.UTF_8));
        byte[] right = MerkleTree.leafHash(digest, "right".getBytes(StandardCharsets.UTF_8));
        assertThat(MerkleTree.leafHash(digest, new byte[0])).isEqualTo(digest.digest(new byte[] {0}));
        byte[] concatenated = new byte[65];
        concatenated[0] = 1;
        System.arraycopy(left, 0, concatenated, 1, 32);
        System.arraycopy(right, 0, concatenated, 33, 32);
        assertThat(MerkleTree.nodeHash(digest, left, right)).as("node = SHA-256(0x01 || left || right)")
                .isEqualTo(digest.digest(concatenated));
    }

    /**
     * The roots of the eight-leaf test tree that Certificate Transparency's implementations share
     * (RFC 6962 test data, used by Trillian and transparency-dev/merkle): an independent check that
     * a leaf is prefixed with 0x00 and a node with 0x01, in that order.
     */
    @Test
    void theRootsOfTheCertificateTransparencyTestTree() {
        String[] leaves = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
        String[] roots = {
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
                "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
                "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
                "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
        MerkleTree.Frontier frontier = new MerkleTree.Frontier(digest);
        assertThat(java.util.HexFormat.of().formatHex(frontier.root()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        for (int i = 0; i < leaves.length; i++) {
            frontier.append(MerkleTree.leafHash(digest, java.util.HexFormat.of().parseHex(leaves[i])), null);
            assertThat(java.util.HexFormat.of().formatHex(frontier.root())).as("root of %d", i + 1).isEqualTo(roots[i]);
        }
    }
}

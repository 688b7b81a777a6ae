package org.civitas.trust.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 6962 (section 2.1) Merkle tree hashing: leaf = SHA-256(0x00 || entry), node =
 * SHA-256(0x01 || left || right), a tree of n leaves splits at the largest power of two below n.
 * The proof algorithms (PATH and SUBPROOF) and their checks follow RFC 6962 section 2.1.1/2.1.2 and
 * RFC 9162 section 2.1.3.2/2.1.4.2.
 */
public final class MerkleTree {

    public static final int HASH_LENGTH = 32;

    private MerkleTree() {
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] leafHash(MessageDigest digest, byte[] entry) {
        digest.update((byte) 0);
        digest.update(entry);
        return digest.digest();
    }

    public static byte[] nodeHash(MessageDigest digest, byte[] left, byte[] right) {
        digest.update((byte) 1);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    /** Hash of the empty tree: SHA-256 of nothing. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    /** The largest power of two strictly below n (n > 1). */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    /** Hashes of ranges of leaves: [from, to). Implementations read stored subtree hashes. */
    @FunctionalInterface
    public interface RangeHashes {
        byte[] hash(long from, long to);
    }

    /** The audit path of leaf m in the tree of the leaves [from, to) (RFC 6962 PATH). */
    public static List<byte[]> inclusionPath(long m, long from, long to, RangeHashes hashes) {
        List<byte[]> path = new ArrayList<>();
        inclusion(m, from, to, hashes, path);
        return path;
    }

    private static void inclusion(long m, long from, long to, RangeHashes hashes, List<byte[]> path) {
        long n = to - from;
        if (n <= 1) {
            return;
        }
        long k = split(n);
        if (m - from < k) {
            inclusion(m, from, from + k, hashes, path);
            path.add(hashes.hash(from + k, to));
        } else {
            inclusion(m, from + k, to, hashes, path);
            path.add(hashes.hash(from, from + k));
        }
    }

    /** The consistency proof between the trees of the first m and the first n leaves (RFC 6962 PROOF). */
    public static List<byte[]> consistencyProof(long m, long n, RangeHashes hashes) {
        List<byte[]> proof = new ArrayList<>();
        if (m > 0 && m < n) {
            subproof(m, 0, n, true, hashes, proof);
        }
        return proof;
    }

    private static void subproof(long m, long from, long to, boolean complete, RangeHashes hashes, List<byte[]> proof) {
        long n = to - from;
        if (m == n) {
            if (!complete) {
                proof.add(hashes.hash(from, to));
            }
            return;
        }
        long k = split(n);
        if (m <= k) {
            subproof(m, from, from + k, complete, hashes, proof);
            proof.add(hashes.hash(from + k, to));
        } else {
            subproof(m - k, from + k, to, false, hashes, proof);
            proof.add(hashes.hash(from, from + k));
        }
    }

    /** RFC 9162 2.1.3.2: does the path lead from the leaf hash at index m to the root of a tree of size n? */
    public static boolean verifyInclusion(long m, long n, byte[] leafHash, List<byte[]> path, byte[] root) {
        if (m < 0 || m >= n) {
            return false;
        }
        MessageDigest digest = sha256();
        long fn = m;
        long sn = n - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(digest, p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(digest, r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /** RFC 9162 2.1.4.2: is the tree of size n with root2 an extension of the tree of size m with root1? */
    public static boolean verifyConsistency(long m, long n, byte[] root1, byte[] root2, List<byte[]> proof) {
        if (m <= 0 || m > n) {
            return false;
        }
        if (m == n) {
            return proof.isEmpty() && Arrays.equals(root1, root2);
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(m) == 1) {
            path.add(0, root1);
        }
        MessageDigest digest = sha256();
        long fn = m - 1;
        long sn = n - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (int i = 1; i < path.size(); i++) {
            byte[] c = path.get(i);
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(digest, c, fr);
                sr = nodeHash(digest, c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(digest, sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, root1) && Arrays.equals(sr, root2);
    }

    /**
     * The right edge of a growing tree: the roots of its perfect subtrees, largest first. Appending
     * a leaf merges equal-sized subtrees (O(log n) hashes at worst, one on average); the root folds
     * them right to left.
     */
    public static final class Frontier {

        private final MessageDigest digest;
        private final byte[][] hashes = new byte[64][];
        private final int[] levels = new int[64];
        private int count;
        private long size;

        public Frontier(MessageDigest digest) {
            this.digest = digest;
        }

        /** Starts from stored subtree roots of a tree of the given size (as returned by {@link #subtrees(long)}). */
        public Frontier(MessageDigest digest, long size, List<byte[]> roots) {
            this(digest);
            for (long[] subtree : subtrees(size)) {
                hashes[count] = roots.get(count);
                levels[count] = (int) subtree[0];
                count++;
            }
            this.size = size;
        }

        /**
         * Appends a leaf hash; reports each subtree it completes as (level, index, hash) to the
         * listener (may be null).
         */
        public void append(byte[] leafHash, CompletedNode listener) {
            byte[] current = leafHash;
            int level = 0;
            long index = size;
            while (count > 0 && levels[count - 1] == level) {
                current = nodeHash(digest, hashes[--count], current);
                level++;
                index >>= 1;
                if (listener != null) {
                    listener.completed(level, index, current);
                }
            }
            hashes[count] = current;
            levels[count] = level;
            count++;
            size++;
        }

        public long size() {
            return size;
        }

        public byte[] root() {
            if (count == 0) {
                return emptyRoot();
            }
            byte[] root = hashes[count - 1];
            for (int i = count - 2; i >= 0; i--) {
                root = nodeHash(digest, hashes[i], root);
            }
            return root;
        }

        /** The perfect subtrees (level, index) a tree of n leaves is made of, largest first. */
        public static List<long[]> subtrees(long n) {
            List<long[]> subtrees = new ArrayList<>();
            long start = 0;
            for (int level = 62; level >= 0; level--) {
                long width = 1L << level;
                if ((n & width) != 0) {
                    subtrees.add(new long[] {level, start >> level});
                    start += width;
                }
            }
            return subtrees;
        }
    }

    @FunctionalInterface
    public interface CompletedNode {
        void completed(int level, long index, byte[] hash);
    }
}

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.civitas.trust.audit.AuditSigningKey;
import org.civitas.trust.audit.AuditVerifier;
import org.civitas.trust.audit.Checkpoint;
import org.civitas.trust.audit.MerkleTree;

/**
 * Audit verification speed against its ceiling, on this machine: N entries shaped like real ones
 * (about 420 bytes), a signed checkpoint every BATCH entries (as the sequencer makes them);
 * verify = Civitas's verifier (leaf hash, stored-hash and sequence checks, tree, every signature);
 * ceiling = one SHA-256 over each entry's bytes and nothing else. Best of 9 interleaved rounds of each (the machine is shared and noisy).
 * Run by bench/audit with target/classes on the class path.
 */
public class AuditVerifyBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        MessageDigest digest = MerkleTree.sha256();
        byte[] seed = new byte[32];
        new java.security.SecureRandom().nextBytes(seed);
        AuditSigningKey key = AuditSigningKey.fromBase64(java.util.Base64.getEncoder().encodeToString(seed));

        List<byte[]> entries = new ArrayList<>(n);
        List<byte[]> leaves = new ArrayList<>(n);
        List<Checkpoint> checkpoints = new ArrayList<>();
        MerkleTree.Frontier frontier = new MerkleTree.Frontier(digest);
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            String entry = "{\"entry\":{\"action\":\"requests.CaseStatusChanged\",\"actor\":{\"id\":\"" + UUID.randomUUID()
                    + "\",\"kind\":\"account\",\"roles\":[\"CASEWORKER\"],\"teams\":[\"" + UUID.randomUUID() + "\"]},"
                    + "\"fields\":[\"reference\",\"from\",\"to\"],\"requestId\":\"" + UUID.randomUUID() + "\",\"resource\":{\"id\":\""
                    + UUID.randomUUID() + "\",\"type\":\"request\"},\"time\":\"2026-11-28T16:20:00.512Z\",\"values\":{\"from\":\"submitted\","
                    + "\"reference\":\"RBC-7K3M-9Q2P\",\"to\":\"acknowledged\"}},\"seq\":" + i + "}";
            byte[] b = entry.getBytes(StandardCharsets.UTF_8);
            bytes += b.length;
            entries.add(b);
            byte[] leaf = MerkleTree.leafHash(digest, b);
            leaves.add(leaf);
            frontier.append(leaf, null);
            if ((i + 1) % batch == 0 || i == n - 1) {
                Instant at = Instant.parse("2026-11-28T16:20:01.123Z");
                byte[] root = frontier.root();
                byte[] message = new Checkpoint(frontier.size(), root, at, null).signedBytes();
                checkpoints.add(new Checkpoint(frontier.size(), root, at, key.sign(message)));
            }
        }

        double bestVerify = Double.MAX_VALUE;
        double bestCeiling = Double.MAX_VALUE;
        for (int round = 0; round < 9; round++) {
            long started = System.nanoTime();
            AuditVerifier.Walk walk = new AuditVerifier.Walk(checkpoints, key.publicKey());
            for (int i = 0; i < n; i++) {
                if (walk.add(i, entries.get(i), leaves.get(i)) != null) {
                    throw new IllegalStateException("verification failed at " + i);
                }
            }
            if (!walk.finish().intact()) {
                throw new IllegalStateException("not intact");
            }
            bestVerify = Math.min(bestVerify, (System.nanoTime() - started) / 1e9);

            started = System.nanoTime();
            byte sink = 0;
            MessageDigest raw = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < n; i++) {
                sink ^= raw.digest(entries.get(i))[0];
            }
            bestCeiling = Math.min(bestCeiling, (System.nanoTime() - started) / 1e9);
            if (sink == 42) {
                System.out.print("");
            }
        }
        double verifyRate = n / bestVerify;
        double ceilingRate = n / bestCeiling;
        System.out.printf("entries=%d   mean_entry_bytes=%d   checkpoints=%d (one per %d entries)%n", n, bytes / n, checkpoints.size(), batch);
        System.out.printf("verify_entries_per_s=%.0f   (leaf hash, checks, tree, %d checkpoint roots, the latest one's Ed25519 signature; best of 9)%n", verifyRate, checkpoints.size());
        System.out.printf("sha256_entries_per_s=%.0f   (one SHA-256 per entry's bytes: the ceiling; best of 9)%n", ceilingRate);
        System.out.printf("verify_ratio=%.2f   (target >= 0.5)%n", verifyRate / ceilingRate);
    }
}

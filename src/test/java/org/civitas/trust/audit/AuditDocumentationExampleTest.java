package org.civitas.trust.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The worked example of docs/audit.md is what the code computes: canonical bytes, leaf hashes, root, proofs. */
class AuditDocumentationExampleTest {

    static final String ENTRY_0 = "{\"action\":\"identity.ApiKeyCreated\",\"actor\":{\"id\":\"0b6c7a52-6f0e-4d52-9d8a-2f6c1c3b9e11\",\"kind\":\"account\","
            + "\"roles\":[\"ADMINISTRATOR\"],\"teams\":[]},\"fields\":[\"scopes\",\"createdBy\"],\"requestId\":\"5f0b1d2e-8c3a-4e7b-9a61-3d2c1b0a9f88\","
            + "\"resource\":{\"id\":\"c2a1e3f4-5b6d-4c7e-8f90-a1b2c3d4e5f6\",\"type\":\"api-key\"},\"time\":\"2026-11-28T16:20:00.512Z\","
            + "\"values\":{\"createdBy\":\"0b6c7a52-6f0e-4d52-9d8a-2f6c1c3b9e11\",\"scopes\":[\"open311.submit\"]}}";
    static final String ENTRY_1 = "{\"action\":\"requests.RequestSubmitted\",\"actor\":{\"id\":\"c2a1e3f4-5b6d-4c7e-8f90-a1b2c3d4e5f6\",\"kind\":\"api-client\"},"
            + "\"fields\":[\"reference\",\"serviceCode\",\"channel\"],\"requestId\":\"7d9e0f1a-2b3c-4d5e-8f6a-7b8c9d0e1f2a\","
            + "\"resource\":{\"id\":\"3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7\",\"type\":\"request\"},\"time\":\"2026-11-28T16:20:00.733Z\","
            + "\"values\":{\"channel\":\"open311\",\"reference\":\"RBC-7K3M-9Q2P\",\"serviceCode\":\"pothole\"}}";
    static final String ENTRY_2 = "{\"action\":\"identity.SignInFailed\",\"actor\":{\"kind\":\"anonymous\"},\"fields\":[\"reason\"],"
            + "\"requestId\":\"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\",\"time\":\"2026-11-28T16:20:00.901Z\",\"values\":{\"reason\":\"bad-credentials\"}}";

    @Test
    void theWorkedExampleHolds() {
        // the canonical serialisation orders keys, whatever order the entry was built in
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("teams", List.of());
        actor.put("roles", List.of("ADMINISTRATOR"));
        actor.put("kind", "account");
        actor.put("id", "0b6c7a52-6f0e-4d52-9d8a-2f6c1c3b9e11");
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("values", Map.of("scopes", List.of("open311.submit"), "createdBy", "0b6c7a52-6f0e-4d52-9d8a-2f6c1c3b9e11"));
        entry.put("time", "2026-11-28T16:20:00.512Z");
        entry.put("resource", Map.of("type", "api-key", "id", "c2a1e3f4-5b6d-4c7e-8f90-a1b2c3d4e5f6"));
        entry.put("requestId", "5f0b1d2e-8c3a-4e7b-9a61-3d2c1b0a9f88");
        entry.put("fields", List.of("scopes", "createdBy"));
        entry.put("actor", actor);
        entry.put("action", "identity.ApiKeyCreated");
        entry.put("absent", null);
        assertThat(new String(CanonicalJson.bytes(entry), StandardCharsets.UTF_8)).isEqualTo(ENTRY_0);

        MessageDigest digest = MerkleTree.sha256();
        byte[][] leaves = new byte[3][];
        String[] entries = {ENTRY_0, ENTRY_1, ENTRY_2};
        MerkleTree.Frontier frontier = new MerkleTree.Frontier(digest);
        byte[] rootOfTwo = null;
        for (int i = 0; i < 3; i++) {
            byte[] bytes = AuditSequencer.leafBytes(entries[i].getBytes(StandardCharsets.UTF_8), i);
            leaves[i] = MerkleTree.leafHash(digest, bytes);
            frontier.append(leaves[i], null);
            if (i == 1) {
                rootOfTwo = frontier.root();
            }
        }
        assertThat(AuditSequencer.leafBytes(ENTRY_0.getBytes(StandardCharsets.UTF_8), 0)).hasSize(442);
        HexFormat hex = HexFormat.of();
        assertThat(hex.formatHex(leaves[0])).isEqualTo("bb4299626d91a762e3bd15e8e687f1834571bae91ff3f9e0efde53f64c9a95c1");
        assertThat(hex.formatHex(leaves[1])).isEqualTo("c2f706ba112c0964fb925a3b7736b781b853400a06984b133ae8c4a0a814fb69");
        assertThat(hex.formatHex(leaves[2])).isEqualTo("c4c0c36b633a245356c7ed304c742d2f0049430a9549f7c9b7ffa064986beb18");
        assertThat(hex.formatHex(rootOfTwo)).isEqualTo("928ec315a231e71adef392281d21c55dd1f443d118bb5609967b6129088be90f");
        byte[] root = frontier.root();
        assertThat(hex.formatHex(root)).isEqualTo("be5452b098fb80981f893229f8fbedbfdfbb424537fc507a020cfb159b7177be");
        assertThat(new String(Checkpoint.signedBytes(3, root, java.time.Instant.parse("2026-11-28T16:20:01.123Z")), StandardCharsets.UTF_8))
                .isEqualTo("civitas-audit-log/v1\n3\nvlRSsJj7gJgfiTIp+Pvtv9+7QkU3/FB6Agz7FZtxd74=\n2026-11-28T16:20:01.123Z\n");
        assertThat(MerkleTree.verifyInclusion(1, 3, leaves[1], List.of(leaves[0], leaves[2]), root)).isTrue();
        assertThat(MerkleTree.verifyConsistency(2, 3, rootOfTwo, root, List.of(leaves[2]))).isTrue();
    }
}

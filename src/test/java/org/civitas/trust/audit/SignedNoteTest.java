package org.civitas.trust.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Checkpoints as C2SP signed notes: byte for byte the example of golang.org/x/mod/sumdb/note (its
 * key, its note), a Civitas checkpoint opened again, and the openssl and Python checks that
 * docs/audit.md gives, run as they are written there.
 */
class SignedNoteTest {

    // golang.org/x/mod/sumdb/note's documented example (PRIVATE+KEY+PeterNeumann+c74f20a3+<base64(0x01 || seed)>)
    static final String GO_SEED = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String GO_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    static final String GO_NOTE = GO_TEXT + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    @TempDir
    Path work;

    static AuditSigningKey goKey() {
        byte[] typed = Base64.getDecoder().decode(GO_SEED);
        assertThat(typed[0]).isEqualTo((byte) 1);
        return AuditSigningKey.fromBase64(Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(typed, 1, typed.length)));
    }

    @Test
    void theGoReferenceKeyAndNoteComeOutByteForByte() {
        AuditSigningKey key = goKey();
        SignedNote.VerifierKey verifier = SignedNote.VerifierKey.of("PeterNeumann", key.publicKey());
        assertThat(verifier.toString()).isEqualTo(GO_VERIFIER);
        assertThat(SignedNote.note(GO_TEXT, key.sign(GO_TEXT.getBytes(StandardCharsets.UTF_8)), verifier)).isEqualTo(GO_NOTE);
        assertThat(SignedNote.open(GO_NOTE, SignedNote.VerifierKey.parse(GO_VERIFIER))).isEqualTo(GO_TEXT);
    }

    @Test
    void aNoteChangedOrSignedByAnotherKeyDoesNotOpen() {
        SignedNote.VerifierKey verifier = SignedNote.VerifierKey.parse(GO_VERIFIER);
        assertThatThrownBy(() -> SignedNote.open(GO_NOTE.replace("problem,", "problem!"), verifier)).hasMessageContaining("no valid signature");
        SignedNote.VerifierKey other = SignedNote.VerifierKey.of("PeterNeumann",
                AuditSigningKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32])).publicKey());
        assertThatThrownBy(() -> SignedNote.open(GO_NOTE, other)).hasMessageContaining("no valid signature");
        assertThatThrownBy(() -> SignedNote.VerifierKey.parse(GO_VERIFIER.replace("c74f20a3", "c74f20a4"))).hasMessageContaining("hash");
    }

    @Test
    void aCheckpointOpensAgainAsItWasSigned() {
        AuditSigningKey key = goKey();
        byte[] root = MerkleTree.sha256().digest("root".getBytes(StandardCharsets.UTF_8));
        Instant at = Instant.parse("2026-11-28T16:20:01.123Z");
        Checkpoint checkpoint = new Checkpoint(1284, root, at, key.sign(Checkpoint.signedBytes(1284, root, at)));
        SignedNote.VerifierKey verifier = SignedNote.VerifierKey.of(SignedNote.KEY_NAME, key.publicKey());
        String note = SignedNote.note(checkpoint, verifier);
        assertThat(note).startsWith("civitas-audit-log/v1\n1284\n" + Base64.getEncoder().encodeToString(root) + "\n2026-11-28T16:20:01.123Z\n\n\u2014 civitas-audit-log/v1 ");
        Checkpoint opened = SignedNote.openCheckpoint(note, verifier);
        assertThat(opened.treeSize()).isEqualTo(1284);
        assertThat(opened.rootHash()).isEqualTo(root);
        assertThat(opened.signedAt()).isEqualTo(at);
        assertThat(opened.signature()).isEqualTo(checkpoint.signature());
    }

    @Test
    void theDocumentedOpensslCommandsCheckACheckpoint() throws Exception {
        assertThat(checkedBy("sh", checkpointNote(), "bash", "-e", "check.sh").exitCode()).isZero();
        assertThat(checkedBy("sh", checkpointNote().replace("\n1284\n", "\n1285\n"), "bash", "-e", "check.sh").exitCode())
                .as("a changed tree size fails").isNotZero();
    }

    @Test
    void theDocumentedPythonScriptChecksACheckpoint() throws Exception {
        Run run = checkedBy("python", checkpointNote(), "python3", "check.sh", "key.txt", "checkpoint.note");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("OK: signed by civitas-audit-log/v1; civitas-audit-log/v1, tree size 1284, root "
                + java.util.HexFormat.of().formatHex(MerkleTree.sha256().digest("root".getBytes(StandardCharsets.UTF_8))));
        Run changed = checkedBy("python", checkpointNote().replace("\n1284\n", "\n1285\n"), "python3", "check.sh", "key.txt", "checkpoint.note");
        assertThat(changed.exitCode()).isNotZero();
        assertThat(changed.output()).contains("NOT SIGNED");
    }

    private record Run(int exitCode, String output) {
    }

    private static final AuditSigningKey KEY = AuditSigningKey.fromBase64(Base64.getEncoder().encodeToString(new byte[] {
            7, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31}));

    private static String checkpointNote() {
        byte[] root = MerkleTree.sha256().digest("root".getBytes(StandardCharsets.UTF_8));
        Instant at = Instant.parse("2026-11-28T16:20:01.123Z");
        Checkpoint checkpoint = new Checkpoint(1284, root, at, KEY.sign(Checkpoint.signedBytes(1284, root, at)));
        return SignedNote.note(checkpoint, SignedNote.VerifierKey.of(SignedNote.KEY_NAME, KEY.publicKey()));
    }

    /** Writes the key and the note, and the block of docs/audit.md marked for this test as check.sh, and runs the command. */
    private Run checkedBy(String block, String note, String... command) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(work, block);
        Files.writeString(dir.resolve("key.txt"), SignedNote.VerifierKey.of(SignedNote.KEY_NAME, KEY.publicKey()) + "\n");
        Files.writeString(dir.resolve("checkpoint.note"), note, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("check.sh"), documented(block), StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    /** The fenced block after {@code <!-- checked by SignedNoteTest: <name> -->} in docs/audit.md. */
    static String documented(String name) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("docs/audit.md"), StandardCharsets.UTF_8);
        int marker = lines.indexOf("<!-- checked by SignedNoteTest: " + name + " -->");
        assertThat(marker).as("docs/audit.md marks its %s block", name).isNotNegative();
        assertThat(lines.get(marker + 1)).startsWith("```");
        List<String> block = new ArrayList<>();
        for (int i = marker + 2; !lines.get(i).startsWith("```"); i++) {
            block.add(lines.get(i));
        }
        return String.join("\n", block) + "\n";
    }
}

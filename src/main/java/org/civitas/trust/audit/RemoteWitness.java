package org.civitas.trust.audit;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar civitas.jar audit witness URL FILE --key=VERIFIER_KEY}: a witness on another
 * machine, with nothing but the public endpoints. It fetches {@code URL/transparency/checkpoint},
 * checks its signature with the verifier key it was given (never one the server hands it), and,
 * when FILE holds a checkpoint it saw before, fetches a consistency proof from that tree size and
 * checks that the new checkpoint extends the old one (RFC 9162 2.1.4.2). Then FILE keeps the new
 * checkpoint. Exit codes as {@code audit verify}: 0 consistent, 1 not, 2 could not check.
 */
final class RemoteWitness {

    private RemoteWitness() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> positional = new ArrayList<>();
        String keyText = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--key=")) {
                keyText = args[i].substring("--key=".length());
            } else if (!args[i].startsWith("--")) {
                positional.add(args[i]);
            }
        }
        if (positional.size() != 2 || keyText == null) {
            err.println(AuditCommand.USAGE);
            return AuditCommand.CANNOT_VERIFY;
        }
        String base = positional.get(0).replaceAll("/+$", "");
        Path file = Path.of(positional.get(1));
        try {
            SignedNote.VerifierKey key = SignedNote.VerifierKey.parse(keyText);
            Checkpoint seen = null;
            if (Files.exists(file)) {
                try {
                    seen = SignedNote.openCheckpoint(Files.readString(file, StandardCharsets.UTF_8), key);
                } catch (IllegalArgumentException e) {
                    err.println("FAILED: the checkpoint kept in " + file + " does not open with the key given (" + e.getMessage() + ")");
                    return AuditCommand.TAMPERED;
                }
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
            String note = get(http, base + "/transparency/checkpoint");
            Checkpoint latest;
            try {
                latest = SignedNote.openCheckpoint(note, key);
            } catch (IllegalArgumentException e) {
                err.println("FAILED: the log's checkpoint is not signed by the key given (" + e.getMessage() + ")");
                return AuditCommand.TAMPERED;
            }
            byte[] rootAtSeenSize = null;
            if (seen != null && latest.treeSize() >= seen.treeSize()) {
                if (seen.treeSize() == 0) {
                    rootAtSeenSize = MerkleTree.emptyRoot();
                } else if (seen.treeSize() == latest.treeSize()) {
                    rootAtSeenSize = latest.rootHash();
                } else {
                    JsonNode proof = JsonMapper.builder().build().readTree(get(http, base + "/transparency/proof/consistency?from="
                            + seen.treeSize() + "&to=" + latest.treeSize()));
                    List<byte[]> hashes = new ArrayList<>();
                    proof.get("proof").forEach(hash -> hashes.add(Base64.getDecoder().decode(hash.asString())));
                    // the proof holds for the root the witness saw, or for none: pass that root on only when it does
                    if (MerkleTree.verifyConsistency(seen.treeSize(), latest.treeSize(), seen.rootHash(), latest.rootHash(), hashes)) {
                        rootAtSeenSize = seen.rootHash();
                    }
                }
            }
            String cut = Witness.extends_(seen, latest.treeSize(), rootAtSeenSize, latest);
            if (cut != null) {
                err.println("FAILED: " + cut + " (witness file " + file + ")");
                return AuditCommand.TAMPERED;
            }
            Witness.remember(file, note);
            out.println("OK: the log at " + base + " has tree size " + latest.treeSize() + ", signed " + Checkpoint.time(latest.signedAt())
                    + (seen == null ? "; the witness remembers it in " + file
                    : "; it extends the checkpoint of tree size " + seen.treeSize() + " the witness saw"));
            return AuditCommand.INTACT;
        } catch (Exception e) {
            err.println("Could not witness the audit log: " + e.getMessage());
            return AuditCommand.CANNOT_VERIFY;
        }
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return response.body();
    }
}

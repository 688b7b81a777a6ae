package org.civitas.trust.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Checkpoints as C2SP signed notes (c2sp.org/signed-note, c2sp.org/tlog-checkpoint), the format of
 * golang.org/x/mod/sumdb/note, so any tool that checks a transparency log's checkpoint checks ours.
 * <p>
 * The note's text is exactly the bytes the sequencer signs ({@link Checkpoint#signedBytes()}):
 * origin, tree size, base64 root hash, then the signing time as an extension line. The note adds a
 * blank line and one signature line, {@code — <key name> base64(key hash || signature)}, where the
 * key hash is the first four bytes of SHA-256(key name || 0x0A || 0x01 || public key) and 0x01 names
 * Ed25519. The verifier key is {@code <key name>+<key hash, 8 hex digits>+base64(0x01 || public key)}.
 */
public final class SignedNote {

    /** The name the log's key goes by in notes: the checkpoint's origin line, as C2SP logs use. */
    public static final String KEY_NAME = Checkpoint.ORIGIN;
    private static final byte ED25519 = 0x01;
    private static final String DASH = "\u2014 ";

    private SignedNote() {
    }

    /** An Ed25519 note verifier: a key name, its four-byte key hash and the public key. */
    public record VerifierKey(String name, byte[] keyHash, PublicKey publicKey) {

        public static VerifierKey of(String name, PublicKey key) {
            return new VerifierKey(name, SignedNote.keyHash(name, key), key);
        }

        /** Reads {@code name+hash+base64(0x01 || key)}, checking the hash against the name and key. */
        public static VerifierKey parse(String text) {
            String trimmed = text.trim();
            int first = trimmed.indexOf('+');
            int second = first < 0 ? -1 : trimmed.indexOf('+', first + 1);
            if (first <= 0 || second < 0) {
                throw new IllegalArgumentException("a verifier key is name+hash+key");
            }
            String name = trimmed.substring(0, first);
            byte[] hash;
            byte[] key;
            try {
                hash = HexFormat.of().parseHex(trimmed.substring(first + 1, second));
                key = Base64.getDecoder().decode(trimmed.substring(second + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a verifier key is name+<8 hex digits>+<base64>");
            }
            if (hash.length != 4 || key.length != 33 || key[0] != ED25519) {
                throw new IllegalArgumentException("not an Ed25519 verifier key");
            }
            VerifierKey verifier = of(name, AuditSigningKey.publicKeyFromRaw(Arrays.copyOfRange(key, 1, key.length)));
            if (!Arrays.equals(verifier.keyHash(), hash)) {
                throw new IllegalArgumentException("the verifier key's hash does not match its name and key");
            }
            return verifier;
        }

        @Override
        public String toString() {
            return name + "+" + HexFormat.of().formatHex(keyHash) + "+" + Base64.getEncoder().encodeToString(typedKey(publicKey));
        }
    }

    static byte[] keyHash(String name, PublicKey key) {
        MessageDigest sha256 = MerkleTree.sha256();
        sha256.update(name.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) '\n');
        sha256.update(typedKey(key));
        return Arrays.copyOf(sha256.digest(), 4);
    }

    private static byte[] typedKey(PublicKey key) {
        byte[] raw = AuditSigningKey.rawPublicKey(key);
        byte[] typed = new byte[raw.length + 1];
        typed[0] = ED25519;
        System.arraycopy(raw, 0, typed, 1, raw.length);
        return typed;
    }

    /** The signed note of a text already signed with the key (the text ends in a line feed). */
    public static String note(String text, byte[] signature, VerifierKey key) {
        byte[] blob = new byte[4 + signature.length];
        System.arraycopy(key.keyHash(), 0, blob, 0, 4);
        System.arraycopy(signature, 0, blob, 4, signature.length);
        return text + "\n" + DASH + key.name() + " " + Base64.getEncoder().encodeToString(blob) + "\n";
    }

    /** The checkpoint as a signed note. */
    public static String note(Checkpoint checkpoint, VerifierKey key) {
        return note(new String(checkpoint.signedBytes(), StandardCharsets.UTF_8), checkpoint.signature(), key);
    }

    /**
     * Opens a note: its text must carry a signature line of this key that verifies (lines of other
     * keys are ignored, as C2SP says). Returns the text; throws when the note is malformed or unsigned.
     */
    public static String open(String note, VerifierKey key) {
        return opened(note, key).text();
    }

    private record Opened(String text, byte[] signature) {
    }

    private static Opened opened(String note, VerifierKey key) {
        int split = note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            throw new IllegalArgumentException("not a signed note: no blank line before the signatures");
        }
        String text = note.substring(0, split + 1);
        for (String line : note.substring(split + 2).split("\n")) {
            if (!line.startsWith(DASH)) {
                throw new IllegalArgumentException("not a signed note: a signature line must start with an em dash");
            }
            String[] parts = line.substring(DASH.length()).split(" ");
            if (parts.length != 2 || !parts[0].equals(key.name())) {
                continue;
            }
            byte[] blob;
            try {
                blob = Base64.getDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (blob.length == 4 + 64 && Arrays.equals(Arrays.copyOf(blob, 4), key.keyHash())
                    && AuditSigningKey.verify(key.publicKey(), text.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(blob, 4, blob.length))) {
                return new Opened(text, Arrays.copyOfRange(blob, 4, blob.length));
            }
        }
        throw new IllegalArgumentException("the note carries no valid signature of " + key.name());
    }

    /** Opens a checkpoint note signed by the key: origin, tree size, root hash and signing time. */
    public static Checkpoint openCheckpoint(String note, VerifierKey key) {
        Opened opened = opened(note, key);
        String text = opened.text();
        String[] lines = text.split("\n");
        if (lines.length < 4 || !Checkpoint.ORIGIN.equals(lines[0])) {
            throw new IllegalArgumentException("not a checkpoint of " + Checkpoint.ORIGIN);
        }
        long size;
        byte[] root;
        Instant signedAt;
        try {
            size = Long.parseLong(lines[1]);
            root = Base64.getDecoder().decode(lines[2]);
            signedAt = Instant.parse(lines[3]);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("a checkpoint's lines are tree size, base64 root hash and time");
        }
        if (size < 0 || root.length != MerkleTree.HASH_LENGTH) {
            throw new IllegalArgumentException("a checkpoint's tree size is 0 or more and its root hash 32 bytes");
        }
        Checkpoint checkpoint = new Checkpoint(size, root, signedAt, opened.signature());
        if (!Arrays.equals(checkpoint.signedBytes(), text.getBytes(StandardCharsets.UTF_8))) {
            throw new IllegalArgumentException("the checkpoint's text is not in Civitas's form");
        }
        return checkpoint;
    }
}

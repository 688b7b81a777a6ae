package org.civitas.trust.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that wraps every data key. It comes from {@code CIVITAS_MASTER_KEY} (32 bytes, base64) or
 * from {@code <data dir>/keys/master.key}, created on first start with owner-only permissions.
 * Several nodes on one database must share the same key (set the variable on each).
 */
final class MasterKey {

    static final int LENGTH = 32;

    private final SecretKey key;

    private MasterKey(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalStateException("The master key must be " + LENGTH + " bytes (base64 of 32 random bytes), not " + bytes.length);
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    static MasterKey of(byte[] bytes) {
        return new MasterKey(bytes);
    }

    static MasterKey fromBase64(String encoded) {
        try {
            return new MasterKey(Base64.getDecoder().decode(encoded.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("CIVITAS_MASTER_KEY is not valid base64", e);
        }
    }

    /** Reads the key file, or creates it (0600 in a 0700 directory) when there is none. */
    static MasterKey fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                byte[] fresh = new byte[LENGTH];
                new SecureRandom().nextBytes(fresh);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n", StandardCharsets.US_ASCII);
                } catch (FileAlreadyExistsException raced) {
                    // another node or context created it first: read theirs
                }
            }
            return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException("Could not read or create the master key file " + file + ": " + e.getMessage(), e);
        }
    }

    SecretKey secret() {
        return key;
    }

    /** Names the key without revealing it: the first 16 hex digits of SHA-256 over it. */
    String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A separate key for look-up hashes, derived so that it never equals the wrapping key. */
    SecretKey lookupKey() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return new SecretKeySpec(mac.doFinal("civitas-lookup-key-v1".getBytes(StandardCharsets.US_ASCII)), "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.civitas.trust.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The Ed25519 key that signs checkpoints. Its 32-byte private seed (RFC 8032) comes from
 * {@code CIVITAS_AUDIT_SIGNING_KEY} (base64) or from {@code <data dir>/keys/audit-ed25519.key},
 * created on first start with owner-only permissions; the public key is written beside it as
 * {@code audit-ed25519.pub} (base64 of the X.509 SubjectPublicKeyInfo) for outside verifiers.
 * Several nodes on one database must share the key (set the variable on each).
 */
public final class AuditSigningKey {

    static final int SEED_LENGTH = 32;

    /** The X.509 SubjectPublicKeyInfo of an Ed25519 key is this fixed prefix followed by the 32-byte key (RFC 8410). */
    private static final byte[] X509_PREFIX = java.util.HexFormat.of().parseHex("302a300506032b6570032100");
    private static final String QUEUE_MAC_LABEL = "civitas-audit-queue-mac/v1";

    private final KeyPair pair;
    private final javax.crypto.spec.SecretKeySpec queueMacKey;
    private final ThreadLocal<javax.crypto.Mac> macs;

    private AuditSigningKey(byte[] seed) {
        if (seed.length != SEED_LENGTH) {
            throw new IllegalStateException("The audit signing key must be " + SEED_LENGTH + " bytes (base64 of 32 random bytes), not " + seed.length);
        }
        this.pair = fromSeed(seed);
        // the queue's MAC key: HMAC-SHA256(seed, label), so it is never stored and never equals the signing key
        this.queueMacKey = new javax.crypto.spec.SecretKeySpec(hmac(new javax.crypto.spec.SecretKeySpec(seed, "HmacSHA256"),
                QUEUE_MAC_LABEL.getBytes(StandardCharsets.US_ASCII)), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(queueMacKey);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available in this JDK", e);
            }
        });
    }

    private static byte[] hmac(javax.crypto.spec.SecretKeySpec key, byte[] message) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JDK", e);
        }
    }

    /** The MAC a queued entry carries: HMAC-SHA256 over its bytes under a key derived from the signing key (never in the database). */
    public byte[] queueMac(byte[] entry) {
        return macs.get().doFinal(entry);
    }

    /** Whether a queued row carries the MAC this key gives its bytes (compared in constant time). */
    public boolean queueMacMatches(byte[] entry, byte[] mac) {
        return mac != null && java.security.MessageDigest.isEqual(queueMac(entry), mac);
    }

    /** The 32 bytes of the Ed25519 public key (RFC 8032), as signed notes and verifier keys carry it. */
    public static byte[] rawPublicKey(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded.length != X509_PREFIX.length + 32
                || !java.util.Arrays.equals(java.util.Arrays.copyOf(encoded, X509_PREFIX.length), X509_PREFIX)) {
            throw new IllegalStateException("not an Ed25519 public key");
        }
        return java.util.Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length);
    }

    /** The Ed25519 public key of 32 raw bytes. */
    public static PublicKey publicKeyFromRaw(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalStateException("an Ed25519 public key has 32 bytes, not " + raw.length);
        }
        byte[] encoded = java.util.Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not an Ed25519 public key", e);
        }
    }

    public static AuditSigningKey fromBase64(String encoded) {
        try {
            return new AuditSigningKey(Base64.getDecoder().decode(encoded.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("CIVITAS_AUDIT_SIGNING_KEY is not valid base64", e);
        }
    }

    /** The configured key, else the key file in the data directory, created when there is none. */
    public static AuditSigningKey load(String configured, Path dataDir, boolean create) {
        if (configured != null && !configured.isBlank()) {
            return fromBase64(configured);
        }
        return fromFile(dataDir.resolve("keys").resolve("audit-ed25519.key"), create);
    }

    static AuditSigningKey fromFile(Path file, boolean create) {
        try {
            if (!Files.exists(file)) {
                if (!create) {
                    throw new IllegalStateException("There is no audit signing key: neither CIVITAS_AUDIT_SIGNING_KEY nor " + file);
                }
                Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                byte[] fresh = new byte[SEED_LENGTH];
                new SecureRandom().nextBytes(fresh);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n", StandardCharsets.US_ASCII);
                } catch (FileAlreadyExistsException raced) {
                    // another node or context created it first: read theirs
                }
            }
            AuditSigningKey key = fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
            Path publicFile = file.resolveSibling("audit-ed25519.pub");
            if (create && !Files.exists(publicFile)) {
                Files.writeString(publicFile, key.publicKeyBase64() + "\n", StandardCharsets.US_ASCII);
            }
            return key;
        } catch (IOException e) {
            throw new IllegalStateException("Could not read or create the audit signing key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** JDK 17 cannot build an Ed25519 key pair from a seed directly; its generator draws exactly the seed's 32 bytes. */
    private static KeyPair fromSeed(byte[] seed) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(255, new SecureRandom() {
                @Override
                public void nextBytes(byte[] bytes) {
                    System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
                }
            });
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JDK", e);
        }
    }

    public byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(pair.getPrivate());
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public PublicKey publicKey() {
        return pair.getPublic();
    }

    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    public static PublicKey publicKeyFromBase64(String encoded) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(encoded.trim())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("not an Ed25519 public key (base64 of X.509 SubjectPublicKeyInfo)", e);
        }
    }

    public static boolean verify(PublicKey key, byte[] message, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}

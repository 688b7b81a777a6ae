package org.civitas.trust.vault;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a random 96-bit nonce. Sealed bytes are {@code version (1) | nonce (12) |
 * ciphertext and 128-bit tag}. The associated data binds a ciphertext to where it belongs: version
 * {@value #VERSION} (wrapped keys, the check value, and personal data sealed before issue 12) to its
 * subject alone; version {@value #VERSION_FIELD_BOUND} (personal data since) to its subject and the
 * field it is stored in, so bytes copied to another person's record, or to another field of the
 * same person, do not open (decision 0015).
 */
final class Aead {

    static final byte VERSION = 1;
    static final byte VERSION_FIELD_BOUND = 2;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    // per thread, because Cipher.getInstance walks the provider list on every call (a Cipher is not
    // thread-safe; init resets it for each use)
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    });

    private Aead() {
    }

    static byte[] seal(SecretKey key, byte[] plaintext, byte[] associatedData) {
        return seal(key, VERSION, plaintext, associatedData);
    }

    static byte[] seal(SecretKey key, byte version, byte[] plaintext, byte[] associatedData) {
        try {
            byte[] nonce = random(NONCE);
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE + sealed.length).put(version).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not seal", e);
        }
    }

    /** Random bytes: nonces, and data keys (what KeyGenerator for AES-256 gives, without its provider look-up). */
    static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The version byte of sealed bytes, or 0 when they are too short to be any. */
    static byte version(byte[] sealed) {
        return sealed == null || sealed.length < 1 + NONCE + TAG_BITS / 8 ? 0 : sealed[0];
    }

    /** @throws GeneralSecurityException when the key, the associated data or the bytes are not the ones sealed */
    static byte[] open(SecretKey key, byte[] sealed, byte[] associatedData) throws GeneralSecurityException {
        return open(key, VERSION, sealed, associatedData);
    }

    /** Opens bytes of one version only: bytes of another version are refused, whatever they hold. */
    static byte[] open(SecretKey key, byte version, byte[] sealed, byte[] associatedData) throws GeneralSecurityException {
        if (version(sealed) != version) {
            throw new GeneralSecurityException("not sealed by this vault");
        }
        Cipher cipher = CIPHER.get();
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE));
        cipher.updateAAD(associatedData);
        return cipher.doFinal(sealed, 1 + NONCE, sealed.length - 1 - NONCE);
    }
}

package org.civitas.trust;

/**
 * The master key was replaced: every data key was re-wrapped under the new one. Fingerprints
 * name the keys without revealing them (the database already keeps the current one).
 */
public record MasterKeyRotated(String previousFingerprint, String fingerprint, int dataKeys) {
}

package org.civitas.trust;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The personal-data vault: names, e-mail addresses, phone numbers and anything a service marks as
 * personal are stored only sealed with AES-256-GCM under a data key of the person they belong to
 * (the "subject"). Data keys are wrapped by the master key. Erasing a subject destroys its data key,
 * so everything sealed for them becomes unreadable everywhere at once, backups included.
 */
public interface PersonalData {

    /** A new subject with a data key of its own. */
    UUID newSubject();

    /**
     * Seals a value for a subject and the field it is stored in, named as {@code schema.table.column}
     * (such as {@code requests.service_request.description}); the result can be stored anywhere and
     * read only through {@link #open} with the same subject and field. Bytes moved to another person's
     * record, or to another field of the same person, do not open.
     */
    byte[] seal(UUID subject, String field, String plaintext);

    /**
     * The value sealed for this subject and field; empty once the subject has been erased.
     *
     * @throws IllegalStateException when the bytes were sealed for another subject or field, or altered
     */
    Optional<String> open(UUID subject, String field, byte[] sealed);

    /**
     * Several values sealed for one subject, in order, reading its data key once; empty once the
     * subject has been erased.
     */
    Optional<List<String>> openAll(UUID subject, List<Sealed> sealed);

    /** A sealed value with the field it was sealed for. */
    record Sealed(String field, byte[] bytes) {
    }

    /**
     * A keyed hash (HMAC-SHA256) of a value, for finding records by it without storing it in
     * clear, e.g. an account by e-mail. {@code purpose} keeps hashes of different kinds apart.
     * The caller normalises the value first (e.g. lower-case e-mail).
     */
    byte[] lookupKey(String purpose, String value);

    /** Crypto-shreds a subject: its data key is destroyed; publishes {@link SubjectErased}. */
    void erase(UUID subject);

    /** Whether the subject's data can still be read. */
    boolean readable(UUID subject);
}

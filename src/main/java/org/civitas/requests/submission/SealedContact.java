package org.civitas.requests.submission;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.UUID;

/**
 * Contact details already checked and sealed in the vault for a subject of their own, with the facts
 * about them the rules need later (whether a name and a way to reach the person were given), so that
 * a request can take them over without opening and sealing them again. Only
 * {@link RequestSubmission#sealContact} makes one.
 */
public final class SealedContact implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final UUID subject;
    private final byte[] sealed;
    private final boolean named;
    private final boolean reachable;

    SealedContact(UUID subject, byte[] sealed, boolean named, boolean reachable) {
        this.subject = subject;
        this.sealed = sealed.clone();
        this.named = named;
        this.reachable = reachable;
    }

    public UUID subject() {
        return subject;
    }

    public byte[] sealed() {
        return sealed.clone();
    }

    boolean named() {
        return named;
    }

    boolean reachable() {
        return reachable;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedContact that && subject.equals(that.subject) && Arrays.equals(sealed, that.sealed);
    }

    @Override
    public int hashCode() {
        return subject.hashCode();
    }

    @Override
    public String toString() {
        return "SealedContact[" + subject + "]";
    }
}

package org.civitas.platform;

import java.util.Set;
import java.util.UUID;

/**
 * What the web layout needs to know about whoever is signed in. The identity module's principals
 * implement it, so the platform can show the sign-in state without depending on identity.
 */
public interface SignedInUser {

    UUID accountId();

    /** The name to greet the person with; never logged. */
    String displayName();

    boolean staff();

    /**
     * Ids of the catalogue teams the person belongs to (staff only), so that modules which may not
     * depend on identity (the catalogue itself) can scope what a person manages.
     */
    default Set<UUID> teamIds() {
        return Set.of();
    }
}

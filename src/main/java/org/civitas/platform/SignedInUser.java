package org.civitas.platform;

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
}

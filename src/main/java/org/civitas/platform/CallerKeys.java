package org.civitas.platform;

import java.util.Optional;

import org.springframework.security.core.Authentication;

/**
 * Who is calling, as a stable opaque key such as {@code account:<id>} or {@code api:<key id>}, for
 * records kept per caller (idempotency keys), and what the caller may do now. Never personal data:
 * no e-mail address, no name. The identity module provides it, since only it knows its principals.
 */
public interface CallerKeys {

    /** The caller's key; empty for an anonymous caller. */
    Optional<String> of(Authentication authentication);

    /**
     * The caller's rights as they stand in the database now (not as a cache or the session remembers
     * them): an API key's scopes, an account's roles and teams, in a stable text form; empty when the
     * key is revoked, the account disabled or erased, or the caller anonymous. A kept answer is replayed
     * only to a caller whose rights are still those it was first given under.
     */
    Optional<String> currentRights(Authentication authentication);
}

package org.civitas.platform;

import java.util.Optional;

import org.springframework.security.core.Authentication;

/**
 * Who is calling, as a stable opaque key such as {@code account:<id>} or {@code api:<key id>}, for
 * records kept per caller (idempotency keys). Never personal data: no e-mail address, no name. The
 * identity module provides it, since only it knows its principals.
 */
@FunctionalInterface
public interface CallerKeys {

    /** The caller's key; empty for an anonymous caller. */
    Optional<String> of(Authentication authentication);
}

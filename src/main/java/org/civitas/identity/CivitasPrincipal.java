package org.civitas.identity;

import java.util.Set;
import java.util.UUID;

import org.civitas.platform.SignedInUser;

/**
 * The person behind a signed-in session, however they signed in (password, OpenID Connect).
 * Other modules read it from the {@code Authentication} to decide what the person may see.
 */
public interface CivitasPrincipal extends SignedInUser {

    Set<Role> roles();

    /** Teams the person belongs to (staff only); ids of catalogue teams. */
    Set<UUID> teamIds();

    default boolean hasRole(Role role) {
        return roles().contains(role);
    }

    @Override
    default boolean staff() {
        return roles().stream().anyMatch(Role::staff);
    }
}

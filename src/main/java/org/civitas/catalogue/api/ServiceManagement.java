package org.civitas.catalogue.api;

import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.civitas.platform.SignedInUser;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Whose services a caller may manage: an administrator or an API key with catalogue.manage any
 * service, a service manager those owned by their own teams, anyone else none. Read from Spring
 * Security's authorities and the platform's {@link SignedInUser}, so the catalogue needs nothing of identity.
 */
public final class ServiceManagement {

    private ServiceManagement() {
    }

    public static Predicate<UUID> teamsManagedBy(Authentication authentication) {
        if (authentication == null) {
            return team -> false;
        }
        Set<String> authorities = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(java.util.stream.Collectors.toSet());
        if (authorities.contains(CatalogueEndpointAccess.ADMINISTRATOR) || authorities.contains(CatalogueEndpointAccess.CATALOGUE_MANAGE)) {
            return team -> true;
        }
        if (authorities.contains(CatalogueEndpointAccess.SERVICE_MANAGER) && authentication.getPrincipal() instanceof SignedInUser person) {
            Set<UUID> teams = Set.copyOf(person.teamIds());
            return teams::contains;
        }
        return team -> false;
    }
}

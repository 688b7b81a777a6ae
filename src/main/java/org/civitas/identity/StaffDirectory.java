package org.civitas.identity;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is on the staff, for other modules that need to check an account id they were given (such
 * as the member of staff a case is assigned to). Carries no personal data: no names, no e-mail.
 */
public interface StaffDirectory {

    /** The member of staff with this account id; empty for a citizen, a disabled account or an unknown id. */
    Optional<StaffMember> staffMember(UUID accountId);

    record StaffMember(UUID accountId, Set<Role> roles, Set<UUID> teamIds) {

        public boolean hasRole(Role role) {
            return roles.contains(role);
        }
    }
}

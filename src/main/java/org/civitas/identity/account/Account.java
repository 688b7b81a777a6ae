package org.civitas.identity.account;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.civitas.identity.Role;

public record Account(UUID id, String kind, String email, String displayName, String passwordHash,
                      Instant createdAt, Instant disabledAt, Set<Role> roles, Set<UUID> teamIds) {

    public boolean staff() {
        return "staff".equals(kind);
    }

    public boolean disabled() {
        return disabledAt != null;
    }
}

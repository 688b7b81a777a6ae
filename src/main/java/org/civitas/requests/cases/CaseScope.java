package org.civitas.requests.cases;

import java.util.Set;
import java.util.UUID;

/**
 * Which cases a caller may see: all of them, or those of services owned by some teams.
 *
 * @param teamIds the catalogue teams whose services' cases are visible; null for all
 */
public record CaseScope(Set<UUID> teamIds) {

    public static CaseScope all() {
        return new CaseScope(null);
    }

    public static CaseScope teams(Set<UUID> teamIds) {
        return new CaseScope(Set.copyOf(teamIds));
    }

    public boolean everything() {
        return teamIds == null;
    }
}

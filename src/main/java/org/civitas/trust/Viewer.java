package org.civitas.trust;

import java.util.UUID;

/**
 * Who reached a person's data, as the access log keeps it: ids and names of organisations and
 * teams, never a person's name (staff names are looked up when shown, if the body allows it).
 *
 * @param kind         {@code staff}, {@code api}, {@code citizen} (the person themself) or {@code system}
 * @param id           the account id (staff, citizen) or API key id; null for the system
 * @param role         a role code such as {@code caseworker}; null for API clients and the system
 * @param organisation the body's name for staff, the key owner's organisation for API clients
 */
public record Viewer(String kind, UUID id, String role, UUID teamId, String team, String organisation) {

    public static final String STAFF = "staff";
    public static final String API = "api";
    public static final String CITIZEN = "citizen";
    public static final String SYSTEM = "system";

    public static Viewer system(String organisation) {
        return new Viewer(SYSTEM, null, null, null, null, organisation);
    }

    public static Viewer citizen(UUID accountId) {
        return new Viewer(CITIZEN, accountId, "citizen", null, null, null);
    }
}

package org.civitas.requests.cases;

import java.util.UUID;

/**
 * Who made a change to a case: a member of staff (identity account id), an API client (API key id)
 * or Civitas itself.
 */
public record Actor(String kind, UUID id) {

    public static Actor staff(UUID accountId) {
        return new Actor("staff", accountId);
    }

    public static Actor api(UUID keyId) {
        return new Actor("api", keyId);
    }

    public static Actor system() {
        return new Actor("system", null);
    }
}

package org.civitas.identity;

import java.io.Serializable;
import java.util.Set;
import java.util.UUID;

/** The machine client behind a request that carried an API key. */
public record ApiClient(UUID keyId, String name, String owner, Set<String> scopes) implements Serializable {

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}

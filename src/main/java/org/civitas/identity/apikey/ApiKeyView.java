package org.civitas.identity.apikey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An API key as administrators see it: never the key itself, only the first characters to recognise it. */
public record ApiKeyView(UUID id, String name, String owner, String prefix, List<String> scopes,
                         Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}

package org.civitas.trust;

import java.util.UUID;

/** A person had their data erased at their request: their account and every subject they had. */
public record AccountDataErased(UUID accountId, int subjects) {
}

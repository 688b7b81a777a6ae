package org.civitas.catalogue;

import java.util.UUID;

/** Published when a team is added to the body. */
public record TeamCreated(UUID teamId, String code) {
}

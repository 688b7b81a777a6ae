package org.civitas.catalogue;

import java.util.UUID;

/** Published when a service is added to the catalogue, as a draft. */
public record ServiceCreated(UUID serviceId, String code, UUID teamId) {
}

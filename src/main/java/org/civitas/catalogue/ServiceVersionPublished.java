package org.civitas.catalogue;

import java.util.UUID;

/** Published when a version of a service goes live: the first on publishing, later ones on changing a live service. */
public record ServiceVersionPublished(UUID serviceId, String code, int version) {
}

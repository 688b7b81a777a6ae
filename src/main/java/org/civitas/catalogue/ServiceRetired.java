package org.civitas.catalogue;

import java.util.UUID;

/** Published when a service stops being offered. */
public record ServiceRetired(UUID serviceId, String code) {
}

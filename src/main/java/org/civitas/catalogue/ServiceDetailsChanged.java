package org.civitas.catalogue;

import java.util.UUID;

/** Published when a live service's unversioned facts (group, keywords, type, team, SLA) change. */
public record ServiceDetailsChanged(UUID serviceId, String code, UUID teamId) {
}

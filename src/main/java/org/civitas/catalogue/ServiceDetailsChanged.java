package org.civitas.catalogue;

import java.util.List;
import java.util.UUID;

/**
 * Published when a live service's unversioned facts (group, keywords, type, team, SLA) change.
 *
 * @param changedFields names of the fields that changed (group, keywords, type, team, sla, and name, description, questions
 *                      when a new version came with it), for the audit log
 */
public record ServiceDetailsChanged(UUID serviceId, String code, UUID teamId, List<String> changedFields) {
}

package org.civitas.catalogue;

import java.util.List;
import java.util.UUID;

/** Published when a draft service is changed in place; {@code changedFields} names what changed, for the audit log. */
public record ServiceDraftChanged(UUID serviceId, String code, List<String> changedFields) {
}

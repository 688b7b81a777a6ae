package org.civitas.catalogue;

import java.util.UUID;

/** Published when a draft service is changed in place. */
public record ServiceDraftChanged(UUID serviceId, String code) {
}

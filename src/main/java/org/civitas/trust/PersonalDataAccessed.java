package org.civitas.trust;

import java.util.List;
import java.util.UUID;

/**
 * Someone reached a person's personal data, or was refused it. Ids and codes only: no values and
 * no purpose text.
 */
public record PersonalDataAccessed(long entryId, UUID subject, String action, boolean granted, List<String> fields,
                                   String purpose, String viewerKind, UUID viewerId) {
}

package org.civitas.trust;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A recorded access, as shown to the person it is about.
 *
 * @param detail the staff-written purpose text, readable while the person's data is; else null
 */
public record DataAccessEntry(long id, Instant at, UUID subject, String action, boolean granted, List<String> fields,
                              String purpose, String detail, String resource, Viewer viewer) {
}

package org.civitas.requests.cases;

import java.util.UUID;

/**
 * Filters on the case queue; null means no filter.
 *
 * @param sla           {@code breached} (past expected completion, still open) or {@code due} (still open, not yet past it)
 * @param olderThanDays only cases made more than this many days ago
 * @param page          from 1
 * @param byExpected    soonest expected completion first, instead of oldest first
 */
public record CaseQuery(RequestStatus status, String serviceCode, String sla, UUID assignedTo, Integer olderThanDays,
                        int page, int size, boolean byExpected) {

    /** Oldest first. */
    public CaseQuery(RequestStatus status, String serviceCode, String sla, UUID assignedTo, Integer olderThanDays, int page, int size) {
        this(status, serviceCode, sla, assignedTo, olderThanDays, page, size, false);
    }
}

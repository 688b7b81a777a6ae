package org.civitas.requests.cases;

import java.util.List;
import java.util.Map;

/**
 * One page of the case queue.
 *
 * @param total    cases matching the filters
 * @param byStatus every case the caller may see, counted by status code (filters not applied)
 * @param breached open cases the caller may see that are past their expected completion
 */
public record CasePage(List<CaseSummary> cases, long total, Map<String, Long> byStatus, long breached) {

    /** A case in the queue. */
    public record CaseSummary(ServiceRequest request, java.util.UUID assignedTo) {
    }
}

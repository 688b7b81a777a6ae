package org.civitas.requests.cases;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A case as staff see it: the request, its answers, who it is assigned to, the request it
 * duplicates, its history (oldest first), and the language the resident made it in ({@code en} or
 * {@code cy}: reply in it).
 */
public record CaseDetail(ServiceRequest request, Map<String, List<String>> answers, UUID assignedTo,
                         String duplicateOf, List<CaseEvent> history, String language) {
}

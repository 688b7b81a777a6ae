package org.civitas.requests;

import java.util.UUID;

/** A case was assigned to a member of staff (an identity account id). */
public record CaseAssigned(UUID requestId, String reference, UUID assignee) {
}

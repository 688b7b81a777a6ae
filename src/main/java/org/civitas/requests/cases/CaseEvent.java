package org.civitas.requests.cases;

import java.time.Instant;

/** One transition in a case's history. The internal note is for staff only. */
public record CaseEvent(RequestStatus from, RequestStatus to, Actor actor, String publicNote, String internalNote, Instant at) {
}

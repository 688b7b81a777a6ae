package org.civitas.requests.cases;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry in a case's history, oldest first. The internal note is for staff only.
 *
 * @param kind           {@code transition} (a status change), {@code assignment} (to {@code assignedTo}) or
 *                       {@code comment} (an update sent through Open311 servicerequestupdates, whose text is the public note)
 * @param updateId       the entry's stable public id (Open311's update_id)
 * @param reportedStatus for a comment, the status the sending client gave (e.g. {@code OPEN}); null otherwise
 * @param mediaUrl       for a comment, the photo the client sent, or null
 */
public record CaseEvent(RequestStatus from, RequestStatus to, Actor actor, String publicNote, String internalNote, Instant at,
                        String kind, UUID assignedTo, UUID updateId, String reportedStatus, String mediaUrl) {

    public static final String TRANSITION = "transition";
    public static final String ASSIGNMENT = "assignment";
    public static final String COMMENT = "comment";
}

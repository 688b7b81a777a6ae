package org.civitas.requests;

import java.util.UUID;

/**
 * An outside system (e.g. FixMyStreet, through Open311 servicerequestupdates) added a resident's
 * comment to a case; {@code reopened} when it reopened a resolved or closed case. Carries neither the
 * text nor the person: both may be personal; listeners that need the text read the case.
 */
public record CaseCommentReceived(UUID requestId, String reference, UUID updateId, boolean reopened) {
}

package org.civitas.requests;

import java.util.UUID;

/**
 * A case moved from one status to another (codes such as {@code in_progress}). Carries no notes:
 * staff notes are free text and may name people; listeners that need them read the case.
 */
public record CaseStatusChanged(UUID requestId, String reference, String from, String to) {
}

package org.civitas.requests;

import java.util.UUID;

/** The retention period of a request's service passed: its requester's data was erased. */
public record RequesterDataErased(UUID requestId, UUID subject, int retentionDays) {
}

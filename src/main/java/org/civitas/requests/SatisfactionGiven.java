package org.civitas.requests;

import java.util.UUID;

/**
 * The person who made a finished request said how satisfied they are, from 1 (very dissatisfied)
 * to 5 (very satisfied). Carries no comment: that is free text and may name people.
 */
public record SatisfactionGiven(UUID requestId, String reference, String serviceCode, int rating) {
}

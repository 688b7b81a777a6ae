package org.civitas.requests;

import java.util.UUID;

/**
 * A report journey was abandoned before it became a request and stayed idle past its age: what it
 * had stored was removed ({@code photosRemoved} unattached photos; its contact subject erased when
 * {@code contactErased}). The journey id is a random id of the journey, not of a person.
 */
public record ReportJourneyCleared(UUID journeyId, int photosRemoved, boolean contactErased) {
}

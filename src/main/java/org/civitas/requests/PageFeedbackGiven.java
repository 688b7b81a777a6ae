package org.civitas.requests;

import java.util.UUID;

/** Someone reported a problem with a page. Carries the page's path, not what they wrote. */
public record PageFeedbackGiven(UUID feedbackId, String pagePath) {
}

package org.civitas.requests;

import java.util.UUID;

/**
 * A service request came in. Carries no personal data: no contact details, no description, no
 * answers; listeners that need more read the request through the requests module.
 *
 * @param reference   the public reference, e.g. {@code RBC-7K3M-9Q2P}
 * @param channel     how it came in: {@code open311}, {@code web}, {@code api} or {@code staff}
 */
public record RequestSubmitted(UUID requestId, String reference, String serviceCode, String channel) {
}

package org.civitas.requests.cases;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A stored service request as the public may see it: no contact details.
 *
 * @param token what a batch service's client was given instead of the reference, or null
 */
public record ServiceRequest(UUID id, String reference, UUID serviceId, String serviceCode, int serviceVersion,
                             RequestStatus status, String description, BigDecimal lat, BigDecimal lon,
                             String addressString, String addressId, String mediaUrl, Channel channel,
                             Instant requestedAt, Instant updatedAt, Instant expectedAt, String token) {
}

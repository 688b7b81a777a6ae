package org.civitas.requests.cases;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A stored service request as the public may see it: no contact details.
 *
 * @param token      what a batch service's client was given instead of the reference, or null
 * @param statusNote the latest public note staff gave with a transition (Open311's status_notes), or null
 */
public record ServiceRequest(UUID id, String reference, UUID serviceId, String serviceCode, int serviceVersion,
                             RequestStatus status, String description, BigDecimal lat, BigDecimal lon,
                             String addressString, String addressId, String mediaUrl, Channel channel,
                             Instant requestedAt, Instant updatedAt, Instant expectedAt, String token, String statusNote) {

    /** A request without a public note yet. */
    public ServiceRequest(UUID id, String reference, UUID serviceId, String serviceCode, int serviceVersion,
                          RequestStatus status, String description, BigDecimal lat, BigDecimal lon,
                          String addressString, String addressId, String mediaUrl, Channel channel,
                          Instant requestedAt, Instant updatedAt, Instant expectedAt, String token) {
        this(id, reference, serviceId, serviceCode, serviceVersion, status, description, lat, lon, addressString, addressId,
                mediaUrl, channel, requestedAt, updatedAt, expectedAt, token, null);
    }

    /** Past its expected completion and not finished (resolved, closed, rejected or a duplicate). */
    public boolean slaBreached(Instant now) {
        return status.open() && expectedAt != null && expectedAt.isBefore(now);
    }
}

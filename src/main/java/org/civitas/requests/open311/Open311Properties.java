package org.civitas.requests.open311;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param jurisdictionId what clients pass as {@code jurisdiction_id}: the body's web address without
 *                       "www", as the specification suggests ({@code CIVITAS_OPEN311_JURISDICTION})
 * @param contact        how developers reach the body, for the discovery document
 * @param changeset      when the discovery document last changed (sortable)
 */
@ConfigurationProperties(prefix = "civitas.open311")
record Open311Properties(String jurisdictionId, String contact, String changeset) {
}

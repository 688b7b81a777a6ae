package org.civitas.requests.submission;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.civitas.catalogue.Service;
import org.civitas.catalogue.ServiceVersion;
import org.civitas.requests.cases.Channel;
import org.civitas.requests.cases.Contact;

/**
 * A new request as a channel received it, not yet checked: every field as text, as given.
 * {@link RequestSubmission} owns every rule about it.
 *
 * @param lat           the latitude in decimal degrees, as typed; parsed by {@link org.civitas.requests.cases.Coordinates}
 * @param lon           the longitude, likewise
 * @param contact       contact details given in clear (Open311, staff), or null
 * @param sealedContact contact details sealed earlier by {@link RequestSubmission#sealContact} (the web journey), or null
 * @param requesterAccount the signed-in resident's account, or null
 * @param language      the language the request was made in ({@code en} or {@code cy}): the page's on the web, the one
 *                      asked for with {@code Accept-Language} (else the body's default) on Open311 and {@code /api/v1}
 */
public record RequestDraft(Service service, ServiceVersion version, Channel channel, String description, String address,
                           String addressId, String lat, String lon, String mediaUrl, Map<String, List<String>> answers,
                           Contact contact, SealedContact sealedContact, UUID requesterAccount, String language) {

    public RequestDraft {
        answers = answers == null ? Map.of() : answers;
    }

    /** A draft in English. */
    public RequestDraft(Service service, ServiceVersion version, Channel channel, String description, String address,
                        String addressId, String lat, String lon, String mediaUrl, Map<String, List<String>> answers,
                        Contact contact, SealedContact sealedContact, UUID requesterAccount) {
        this(service, version, channel, description, address, addressId, lat, lon, mediaUrl, answers, contact, sealedContact,
                requesterAccount, null);
    }
}

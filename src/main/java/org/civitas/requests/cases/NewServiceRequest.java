package org.civitas.requests.cases;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.civitas.catalogue.Service;
import org.civitas.catalogue.ServiceVersion;

/**
 * A request whose input has been checked, ready to be stored.
 *
 * @param contact the requester's contact details, or null; stored only sealed in the vault
 *
 * @param requesterAccount the signed-in resident's account id, or null (anonymous, Open311, API)
 *
 * @param answers question code to the values given, already checked against {@code version}
 *
 * @param sealedContact contact details already sealed for a subject of their own (the web journey's),
 *                      taken over as they are instead of {@code contact}; or null
 *
 * @param language      the language the request was made in, {@code en} or {@code cy} (issue 20); null is {@code en}
 */
public record NewServiceRequest(Service service, ServiceVersion version, String description, BigDecimal lat,
                                BigDecimal lon, String addressString, String addressId, String mediaUrl,
                                Map<String, List<String>> answers, Channel channel, Contact contact,
                                UUID requesterAccount, Sealed sealedContact, String language) {

    /** Contact details sealed in the vault for {@code subject}. */
    public record Sealed(UUID subject, byte[] value) {
    }

    public NewServiceRequest {
        answers = answers == null ? Map.of() : Map.copyOf(answers);
        language = "cy".equals(language) ? "cy" : "en";
    }

    public NewServiceRequest(Service service, ServiceVersion version, String description, BigDecimal lat, BigDecimal lon,
                             String addressString, String addressId, String mediaUrl, Map<String, List<String>> answers,
                             Channel channel, Contact contact, UUID requesterAccount, Sealed sealedContact) {
        this(service, version, description, lat, lon, addressString, addressId, mediaUrl, answers, channel, contact,
                requesterAccount, sealedContact, null);
    }

    public NewServiceRequest(Service service, ServiceVersion version, String description, BigDecimal lat, BigDecimal lon,
                             String addressString, String addressId, String mediaUrl, Map<String, List<String>> answers,
                             Channel channel, Contact contact, UUID requesterAccount) {
        this(service, version, description, lat, lon, addressString, addressId, mediaUrl, answers, channel, contact,
                requesterAccount, null, null);
    }
}

package org.civitas.requests.cases;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a request says about a person, kept sealed for its requester (issue 12): a private
 * request's description, address, location and photo link, and any request's answers to personal
 * questions. Read only through the access-logged reveal, the requester's own export, and never
 * put in a log, an event or a public output.
 *
 * @param personalAnswers the answers to the questions the service marks personal, by question code
 */
public record SealedDetails(String description, BigDecimal lat, BigDecimal lon, String addressString, String addressId,
                            String mediaUrl, Map<String, List<String>> personalAnswers) {

    public SealedDetails {
        personalAnswers = personalAnswers == null ? Map.of() : Map.copyOf(personalAnswers);
    }

    public boolean empty() {
        return description == null && lat == null && addressString == null && addressId == null && mediaUrl == null
                && personalAnswers.isEmpty();
    }

    /** The names of the fields it holds, for the access log (never their values). */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        if (description != null) {
            names.add("description");
        }
        if (addressString != null || addressId != null) {
            names.add("address");
        }
        if (lat != null) {
            names.add("location");
        }
        if (mediaUrl != null) {
            names.add("media_url");
        }
        personalAnswers.keySet().stream().sorted().forEach(code -> names.add("answer:" + code));
        return names;
    }

    @Override
    public String toString() {
        return "SealedDetails[personal data]"; // never print the values, whatever calls toString
    }
}

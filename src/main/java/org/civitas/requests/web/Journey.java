package org.civitas.requests.web;

import java.io.Serial;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A report being made, kept in the person's session (stored in PostgreSQL, so any node carries on
 * where another left off). Contact details are held only sealed in the trust vault under a
 * subject of the journey's own, since the session is a database row too; that subject and the photo
 * are tracked in {@code requests.report_journey} so that an abandoned journey's are removed
 * ({@link AbandonedJourneys}).
 */
final class Journey implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    final UUID id = UUID.randomUUID();
    final String serviceCode;
    final int version;
    String address;
    BigDecimal lat;
    BigDecimal lon;
    boolean locationDone;
    final LinkedHashMap<String, ArrayList<String>> answers = new LinkedHashMap<>();
    final Set<String> answered = new HashSet<>();
    String description;
    boolean descriptionDone;
    boolean photoDone;
    /** The photo stored for the journey, so that one removed by the clean-up of idle journeys is noticed. */
    UUID photoId;
    UUID contactSubject;
    byte[] contactSealed;
    /** The field the journey's contact details are sealed for (the journey lives in the HTTP session). */
    static final String CONTACT_FIELD = "requests.report_journey.contact";
    boolean contactDone;

    Journey(String serviceCode, int version) {
        this.serviceCode = serviceCode;
        this.version = version;
    }

    Map<String, List<String>> answersAsMap() {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        answers.forEach((code, values) -> copy.put(code, List.copyOf(values)));
        return copy;
    }

    static String attribute(String serviceCode) {
        return "civitas.report." + serviceCode;
    }
}

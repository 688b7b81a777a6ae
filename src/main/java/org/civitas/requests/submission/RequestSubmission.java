package org.civitas.requests.submission;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.civitas.catalogue.Answers;
import org.civitas.catalogue.Service;
import org.civitas.catalogue.ServiceVersion;
import org.civitas.catalogue.Services;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.Violation;
import org.civitas.requests.cases.CaseScope;
import org.civitas.requests.cases.Channel;
import org.civitas.requests.cases.Contact;
import org.civitas.requests.cases.Coordinates;
import org.civitas.requests.cases.Markup;
import org.civitas.requests.cases.NewServiceRequest;
import org.civitas.requests.cases.ServiceRequest;
import org.civitas.requests.cases.ServiceRequestRegister;
import org.civitas.trust.PersonalData;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Making a new request: every rule of one, for every channel (the web journey, Open311, requests a
 * caseworker enters for a resident who phoned or came to the counter, the native API). Violations
 * name the DOMAIN field, and each channel maps them back to its own names and format:
 * <ul>
 *   <li>{@code location}: neither coordinates nor an address given;</li>
 *   <li>{@code location.lat}, {@code location.lon}: a coordinate that is not a plain decimal in range
 *       ({@link Coordinates}), or one without the other;</li>
 *   <li>{@code location.address}, {@code location.addressId}: too long, or markup;</li>
 *   <li>{@code description}: longer than {@value #MAX_DESCRIPTION} characters (Unicode code points,
 *       so an emoji counts once on every channel), or markup;</li>
 *   <li>{@code mediaUrl}: not an http(s) address with a host;</li>
 *   <li>{@code contact.firstName}, {@code contact.lastName}, {@code contact.email}, {@code contact.phone}:
 *       their formats; {@code contact.name} and {@code contact.email} also when the service refuses
 *       anonymous requests and no name, or no way to reach the person, was given (on every channel);</li>
 *   <li>{@code answers.<code>}: the catalogue's rules for the service's questions ({@link Answers}).</li>
 * </ul>
 * Text is taken with the blanks around it removed; empty text counts as not given. Markup is refused,
 * never stripped, the same way everywhere ({@link Markup}).
 */
@Component
public class RequestSubmission {

    public static final int MAX_DESCRIPTION = 4000;
    public static final int MAX_ADDRESS = 1000;
    public static final int MAX_ADDRESS_ID = 200;
    public static final int MAX_NAME = 200;
    public static final int MAX_EMAIL = 254;
    public static final int MAX_MEDIA_URL = 2000;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+");
    private static final Pattern PHONE = Pattern.compile("[0-9 +()-]{7,20}");
    private static final String ANSWERS = "answers.";

    private final ServiceRequestRegister register;
    private final Services services;
    private final PersonalData vault;

    RequestSubmission(ServiceRequestRegister register, Services services, PersonalData vault) {
        this.register = register;
        this.services = services;
        this.vault = vault;
    }

    /** Where a request is, checked: the address (or null) and the point (both null, or both given). */
    public record Location(String address, String addressId, BigDecimal lat, BigDecimal lon) {

        public boolean pinned() {
            return lat != null && lon != null;
        }
    }

    /** A part of a request, checked: its value when {@code violations} is empty. */
    public record Checked<T>(T value, List<Violation> violations) {

        public boolean valid() {
            return violations.isEmpty();
        }
    }

    /**
     * Checks and stores a new request in one transaction: nothing is written unless every rule holds.
     *
     * @throws InvalidInput naming every broken rule by its domain field
     */
    @Transactional
    public ServiceRequest submit(RequestDraft draft) {
        List<Violation> violations = new ArrayList<>();
        Checked<Location> location = location(draft.address(), draft.addressId(), draft.lat(), draft.lon());
        violations.addAll(location.violations());
        Checked<String> description = description(draft.description());
        violations.addAll(description.violations());
        Checked<String> mediaUrl = mediaUrl(draft.mediaUrl());
        violations.addAll(mediaUrl.violations());
        violations.addAll(answers(draft.version().questions(), draft.answers()));
        Contact contact = null;
        // the service as the catalogue serves it (cached, cleared when it changes): not a query per request
        boolean anonymousAllowed = draft.service().anonymousRequests();
        if (draft.sealedContact() != null) {
            violations.addAll(anonymity(anonymousAllowed, draft.sealedContact().named(), draft.sealedContact().reachable()));
        }
        else {
            Checked<Contact> checked = contact(draft.contact(), anonymousAllowed);
            violations.addAll(checked.violations());
            contact = checked.value();
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        Location where = location.value();
        NewServiceRequest.Sealed sealed = draft.sealedContact() == null ? null
                : new NewServiceRequest.Sealed(draft.sealedContact().subject(), draft.sealedContact().sealed());
        return register.submit(new NewServiceRequest(draft.service(), draft.version(), description.value(), where.lat(), where.lon(),
                where.address(), where.addressId(), mediaUrl.value(), answersGiven(draft.answers()), draft.channel(), contact,
                draft.requesterAccount(), sealed, draft.language()));
    }

    /**
     * A request a caseworker enters for a resident who phoned ({@code phone}) or came to the counter
     * ({@code counter}), as the resident gives it: every field as text.
     */
    public record StaffEntry(String service, String channel, String description, String address, String lat, String lon,
                             Map<String, List<String>> answers, Contact contact, String language) {

        /** An entry in English. */
        public StaffEntry(String service, String channel, String description, String address, String lat, String lon,
                          Map<String, List<String>> answers, Contact contact) {
            this(service, channel, description, address, lat, lon, answers, contact, null);
        }
    }

    /**
     * Checks and stores a request entered by staff, by the same rules as any other, in one transaction.
     * The service must be live and handled by one of the caller's teams ({@code scope}; administrators
     * and API keys: any); the channel is {@code phone} or {@code counter}.
     *
     * @throws InvalidInput naming every broken rule by its domain field ({@code service}, {@code channel} and the others)
     */
    @Transactional
    public ServiceRequest enter(CaseScope scope, StaffEntry entry) {
        List<Violation> violations = new ArrayList<>();
        String channelCode = trimmed(entry.channel());
        Channel channel = "phone".equals(channelCode) ? Channel.PHONE : "counter".equals(channelCode) ? Channel.COUNTER : null;
        if (channel == null) {
            violations.add(new Violation("channel", channelCode == null ? "requests.submission.channel.required"
                    : "requests.submission.channel.unknown"));
        }
        String code = trimmed(entry.service());
        Service service = code == null ? null : services.liveByCode(code)
                .filter(s -> scope.everything() || (s.teamId() != null && scope.teamIds().contains(s.teamId()))).orElse(null);
        if (service == null) {
            violations.add(new Violation("service", code == null ? "requests.submission.service.required"
                    : "requests.submission.service.unknown"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        ServiceVersion version = services.version(service.id(), service.version()).orElseThrow();
        return submit(new RequestDraft(service, version, channel, entry.description(), entry.address(), null, entry.lat(),
                entry.lon(), null, entry.answers(), entry.contact(), null, null, entry.language()));
    }

    // ---- the rules, one part at a time (the web journey asks them page by page) ----

    /** Where it is: an address, an address id, or a latitude and longitude together; at least one of them. */
    public Checked<Location> location(String address, String addressId, String lat, String lon) {
        List<Violation> violations = new ArrayList<>();
        String text = text(address, "location.address", MAX_ADDRESS, "requests.submission.address.length", violations);
        String id = text(addressId, "location.addressId", MAX_ADDRESS_ID, "requests.submission.addressId.length", violations);
        BigDecimal latitude = coordinate(lat, lon, "location.lat", Coordinates.Axis.LATITUDE, violations);
        BigDecimal longitude = coordinate(lon, lat, "location.lon", Coordinates.Axis.LONGITUDE, violations);
        boolean pinned = latitude != null && longitude != null;
        if (violations.isEmpty() && text == null && id == null && !pinned) {
            violations.add(new Violation("location", "requests.submission.location.required"));
        }
        return new Checked<>(new Location(text, id, pinned ? latitude : null, pinned ? longitude : null), List.copyOf(violations));
    }

    /** What the person says about it: optional, at most {@value #MAX_DESCRIPTION} code points, no markup. */
    public Checked<String> description(String description) {
        List<Violation> violations = new ArrayList<>();
        String text = text(description, "description", MAX_DESCRIPTION, "requests.submission.description.length", violations);
        return new Checked<>(text, List.copyOf(violations));
    }

    /**
     * The answers to the service's questions, by the catalogue's rules, each violation named
     * {@code answers.<question code>}.
     */
    public List<Violation> answers(List<org.civitas.catalogue.Question> questions, Map<String, List<String>> answers) {
        return Answers.validate(questions, answers).stream()
                .map(v -> new Violation(ANSWERS + code(v.field()), v.messageKey())).toList();
    }

    /** The question code an answer's domain field names ({@code answers.size} → {@code size}). */
    public static String answerCode(String field) {
        return field.startsWith(ANSWERS) ? field.substring(ANSWERS.length()) : null;
    }

    /**
     * Contact details: each part's format and, when the service does not take anonymous requests, a
     * name and an e-mail address or phone number. The value is null when nothing was given.
     */
    public Checked<Contact> contact(Service service, Contact given) {
        return contact(given, service.anonymousRequests());
    }

    /**
     * Checks contact details as {@link #contact(Service, Contact)} does and, when they hold, seals them
     * for {@code subject}, noting whether they name and reach the person; nothing is sealed when
     * nothing was given (the value is then null).
     */
    public Checked<SealedContact> sealContact(UUID subject, Service service, Contact given) {
        Checked<Contact> checked = contact(service, given);
        if (!checked.valid() || checked.value() == null) {
            return new Checked<>(null, checked.violations());
        }
        Contact contact = checked.value();
        return new Checked<>(new SealedContact(subject, vault.seal(subject, ServiceRequestRegister.CONTACT_FIELD, contact.json()), named(contact), reachable(contact)),
                List.of());
    }

    private Checked<Contact> contact(Contact given, boolean anonymousAllowed) {
        List<Violation> violations = new ArrayList<>();
        Contact none = new Contact(null, null, null, null);
        Contact in = given == null ? none : given;
        String first = name(in.firstName(), "contact.firstName", violations);
        String last = name(in.lastName(), "contact.lastName", violations);
        String email = trimmed(in.email());
        if (email != null && (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches())) {
            violations.add(new Violation("contact.email", "requests.submission.email.invalid"));
        }
        String phone = trimmed(in.phone());
        if (phone != null && !PHONE.matcher(phone).matches()) {
            violations.add(new Violation("contact.phone", "requests.submission.phone.invalid"));
        }
        Contact contact = new Contact(first, last, email, phone);
        if (violations.isEmpty()) {
            violations.addAll(anonymity(anonymousAllowed, named(contact), reachable(contact)));
        }
        return new Checked<>(contact.empty() ? null : contact, List.copyOf(violations));
    }

    /** A service that does not take anonymous requests needs a name and a way to reach the person, on every channel. */
    private static List<Violation> anonymity(boolean anonymousAllowed, boolean named, boolean reachable) {
        if (anonymousAllowed) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        if (!named) {
            violations.add(new Violation("contact.name", "requests.submission.name.required"));
        }
        if (!reachable) {
            violations.add(new Violation("contact.email", "requests.submission.reach.required"));
        }
        return violations;
    }

    private static boolean named(Contact contact) {
        return contact.firstName() != null || contact.lastName() != null;
    }

    private static boolean reachable(Contact contact) {
        return contact.email() != null || contact.phone() != null;
    }

    private static String name(String given, String field, List<Violation> violations) {
        String name = trimmed(given);
        if (name != null && (codePoints(name) > MAX_NAME || Markup.in(name) || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0)) {
            violations.add(new Violation(field, "requests.submission.name.invalid"));
        }
        return name;
    }

    private static Checked<String> mediaUrl(String given) {
        String url = trimmed(given);
        if (url == null) {
            return new Checked<>(null, List.of());
        }
        if (url.length() <= MAX_MEDIA_URL) {
            try {
                URI uri = new URI(url);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                    return new Checked<>(url, List.of());
                }
            }
            catch (URISyntaxException e) {
                // refused below
            }
        }
        return new Checked<>(null, List.of(new Violation("mediaUrl", "requests.submission.mediaUrl")));
    }

    private static BigDecimal coordinate(String given, String partner, String field, Coordinates.Axis axis,
                                         List<Violation> violations) {
        String text = trimmed(given);
        if (text == null) {
            if (trimmed(partner) != null) {
                violations.add(new Violation(field, "requests.submission.coordinate.pair"));
            }
            return null;
        }
        Coordinates.Parsed parsed = Coordinates.parse(text, axis);
        if (parsed instanceof Coordinates.Valid valid) {
            return valid.degrees();
        }
        boolean range = parsed instanceof Coordinates.Refused refused && refused.reason() == Coordinates.Reason.RANGE;
        violations.add(new Violation(field, range
                ? "requests.submission." + (axis == Coordinates.Axis.LATITUDE ? "latitude" : "longitude") + ".range"
                : "requests.submission.coordinate.number"));
        return null;
    }

    /** Free text: without the blanks around it, null when empty; at most {@code max} code points and no markup. */
    private static String text(String given, String field, int max, String lengthKey, List<Violation> violations) {
        String text = trimmed(given);
        if (text == null) {
            return null;
        }
        if (codePoints(text) > max) {
            violations.add(new Violation(field, lengthKey));
        }
        else if (Markup.in(text)) {
            violations.add(new Violation(field, "requests.text.markup"));
        }
        return text;
    }

    private static int codePoints(String text) {
        return text.codePointCount(0, text.length());
    }

    private static String trimmed(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    private static Map<String, List<String>> answersGiven(Map<String, List<String>> answers) {
        Map<String, List<String>> given = new LinkedHashMap<>();
        answers.forEach((code, values) -> {
            List<String> kept = values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).toList();
            if (!kept.isEmpty()) {
                given.put(code, kept);
            }
        });
        return given;
    }

    /** {@code attribute[size]} → {@code size}. */
    private static String code(String open311Field) {
        int open = open311Field.indexOf('[');
        return open >= 0 && open311Field.endsWith("]") ? open311Field.substring(open + 1, open311Field.length() - 1) : open311Field;
    }
}

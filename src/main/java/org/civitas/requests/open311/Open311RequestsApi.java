package org.civitas.requests.open311;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.civitas.catalogue.Service;
import org.civitas.catalogue.ServiceType;
import org.civitas.catalogue.ServiceVersion;
import org.civitas.catalogue.Services;
import org.civitas.catalogue.Team;
import org.civitas.catalogue.Teams;
import org.civitas.identity.ApiClient;
import org.civitas.identity.ApiKeyVerifier;
import org.civitas.identity.ApiScopes;
import org.civitas.platform.CivitasProperties;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.Violation;
import org.civitas.catalogue.Answers;
import org.civitas.requests.submission.RequestDraft;
import org.civitas.requests.submission.RequestSubmission;
import org.civitas.requests.cases.Channel;
import org.civitas.requests.cases.Contact;
import org.civitas.requests.cases.RequestStatus;
import org.civitas.requests.cases.ServiceRequest;
import org.civitas.requests.cases.ServiceRequestRegister;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Open311 GeoReport v2 service requests: POST a request (form-encoded, with an api_key), GET one
 * request by its service_request_id (the public reference), GET requests by the specification's filters.
 * <p>
 * GETs without an {@code api_key} show only public requests: a private service's requests (an
 * application, anything about a person) are left out of lists and answer 404 one by one. With a key
 * that has the {@code requests.read} scope they are shown too (their sealed description, address and
 * location stay out of Open311; staff read them through the access-logged contact reveal).
 * <p>
 * Contact details ({@code first_name}, {@code last_name}, {@code email}, {@code phone}) are personal
 * data: they are stored only sealed in the trust module's vault, under a subject of their own, and
 * are never logged, put in an event or returned. {@code device_id} and {@code account_id} are dropped.
 */
@RestController
@RequestMapping("/open311/v2")
class Open311RequestsApi {

    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_ADDRESS = 1000;
    static final int MAX_NAME = 100;
    static final int MAX_EMAIL = 254;
    static final int MAX_PHONE = 40;
    static final int MAX_ADDRESS_ID = 200;
    static final int MAX_MEDIA_URL = 2000;
    /** The specification's response volume: at most 1000 requests, from at most 90 days. */
    static final int MAX_RESULTS = 1000;
    static final java.time.Duration WINDOW = java.time.Duration.ofDays(90);

    /** The domain's field names ({@link RequestSubmission}) as Open311 names them. */
    private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("location", "location"),
            Map.entry("location.lat", "lat"), Map.entry("location.lon", "long"), Map.entry("location.address", "address_string"),
            Map.entry("location.addressId", "address_id"), Map.entry("description", "description"), Map.entry("mediaUrl", "media_url"),
            Map.entry("contact.firstName", "first_name"), Map.entry("contact.lastName", "last_name"),
            Map.entry("contact.name", "first_name"), Map.entry("contact.email", "email"), Map.entry("contact.phone", "phone"));

    /** {@code attribute[code]} or {@code attribute[code][]}. */
    private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([^\\[\\]]*)\\](\\[\\])?");

    private final Services services;
    private final Teams teams;
    private final ServiceRequestRegister register;
    private final RequestSubmission submission;
    private final ApiKeyVerifier apiKeys;
    private final Open311Input input;
    private final ZoneId zone;
    private final java.time.Clock clock;

    Open311RequestsApi(Services services, Teams teams, ServiceRequestRegister register, RequestSubmission submission,
                       ApiKeyVerifier apiKeys, CivitasProperties civitas, java.time.Clock clock, Open311Input input) {
        this.submission = submission;
        this.input = input;
        this.clock = clock;
        this.services = services;
        this.teams = teams;
        this.register = register;
        this.apiKeys = apiKeys;
        this.zone = civitas.timeZone() == null ? ZoneId.of("UTC") : civitas.timeZone();
    }

    @PostMapping({"/requests.json", "/requests.xml", "/requests.{format}"})
    ResponseEntity<byte[]> submit(@PathVariable(required = false) String format, HttpServletRequest http) {
        Open311Format as = input.format(Open311Format.extension(format, http));
        Map<String, String[]> form = http.getParameterMap();
        checkApiKey(input.value(form, "api_key"));
        input.checkJurisdiction(input.value(form, "jurisdiction_id"));

        String code = input.value(form, "service_code");
        if (code == null) {
            throw Open311Error.of(400, input.field("service_code", "open311.error.serviceCode.missing"));
        }
        Service service = services.liveByCode(code.trim())
                .orElseThrow(() -> Open311Error.of(404, input.field("service_code", "open311.error.serviceCode.unknown")));
        ServiceVersion version = services.version(service.id(), service.version()).orElseThrow();

        RequestDraft draft = new RequestDraft(service, version, Channel.OPEN311, input.value(form, "description"),
                input.value(form, "address_string"), input.value(form, "address_id"), input.value(form, "lat"),
                input.value(form, "long"), input.value(form, "media_url"), answers(form),
                new Contact(input.value(form, "first_name"), input.value(form, "last_name"), input.value(form, "email"),
                        input.value(form, "phone")), null, null,
                org.civitas.platform.Languages.current()); // Accept-Language, else CIVITAS_DEFAULT_LANGUAGE
        ServiceRequest stored;
        try {
            stored = submission.submit(draft);
        } catch (InvalidInput invalid) {
            throw new Open311Error(400, invalid.violations().stream().map(this::problem).toList());
        }
        Map<String, Object> created = new LinkedHashMap<>();
        if (service.type() == ServiceType.BATCH) {
            created.put("token", stored.token());
        } else if (service.type() == ServiceType.REALTIME) {
            created.put("service_request_id", stored.reference());
        }
        created.put("service_notice", null);
        created.put("account_id", null);
        return input.respond(as, new Open311Document("service_requests", List.of(created)));
    }

    @GetMapping("/requests/{id}.{format}")
    ResponseEntity<byte[]> request(@PathVariable String id, @PathVariable String format, HttpServletRequest http) {
        Open311Format as = input.format(format);
        input.checkJurisdiction(input.value(http.getParameterMap(), "jurisdiction_id"));
        boolean withPrivate = readsCases(input.value(http.getParameterMap(), "api_key"));
        ServiceRequest request = (withPrivate ? register.byReference(id) : register.publicByReference(id))
                .orElseThrow(() -> Open311Error.of(404, input.message("open311.error.request.unknown")));
        return input.respond(as, new Open311Document("service_requests", describe(List.of(request))));
    }

    /**
     * The service_request_id a batch service's token stands for. Public, as the specification says;
     * the token is a random UUID given only to the client that made the request.
     */
    @GetMapping("/tokens/{token}.{format}")
    ResponseEntity<byte[]> token(@PathVariable String token, @PathVariable String format, HttpServletRequest http) {
        Open311Format as = input.format(format);
        input.checkJurisdiction(input.value(http.getParameterMap(), "jurisdiction_id"));
        String given = token.trim();
        ServiceRequest request = (given.isEmpty() || given.length() > 100 ? java.util.Optional.<ServiceRequest>empty()
                : register.byToken(given))
                .orElseThrow(() -> Open311Error.of(404, input.message("open311.error.token.unknown")));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("service_request_id", request.reference());
        entry.put("token", request.token());
        return input.respond(as, new Open311Document("service_requests", List.of(entry)));
    }

    /**
     * Requests by the specification's filters: {@code service_request_id} (a comma-separated list,
     * which overrides every other filter), {@code service_code} (a list), {@code start_date} and
     * {@code end_date} (datetimes with an offset, at most 90 days apart; the last 90 days when both are
     * absent), {@code status} ({@code open} or {@code closed}, or both). Newest first, then by reference.
     * With the widely used extension {@code page} (from 1) and {@code page_size} (1 to 1000, by default 1000).
     */
    @GetMapping({"/requests.json", "/requests.xml", "/requests.{format}"})
    ResponseEntity<byte[]> requests(@PathVariable(required = false) String format, HttpServletRequest http) {
        Open311Format as = input.format(Open311Format.extension(format, http));
        Map<String, String[]> query = http.getParameterMap();
        input.checkJurisdiction(input.value(query, "jurisdiction_id"));
        boolean withPrivate = readsCases(input.value(query, "api_key"));
        List<Open311Error.Entry> problems = new ArrayList<>();
        int page = input.whole(query, "page", 1, Integer.MAX_VALUE, 1, problems);
        int pageSize = input.whole(query, "page_size", 1, MAX_RESULTS, MAX_RESULTS, problems);
        long offset = (long) (page - 1) * pageSize;
        List<String> ids = list(input.value(query, "service_request_id"));
        if (!ids.isEmpty()) {
            if (ids.size() > MAX_RESULTS) {
                problems.add(new Open311Error.Entry(400, input.message("open311.error.field", "service_request_id",
                        input.message("open311.error.requestIds.tooMany", MAX_RESULTS))));
            }
            if (!problems.isEmpty()) {
                throw new Open311Error(400, problems);
            }
            List<ServiceRequest> found = register.byReferences(ids, MAX_RESULTS, withPrivate);
            List<ServiceRequest> onPage = offset >= found.size() ? List.of()
                    : found.subList((int) offset, (int) Math.min(found.size(), offset + pageSize));
            return input.respond(as, new Open311Document("service_requests", describe(onPage)));
        }
        Instant start = input.date(query, "start_date", problems);
        Instant end = input.date(query, "end_date", problems);
        List<RequestStatus> statuses = new ArrayList<>();
        boolean badStatus = false;
        for (String status : list(input.value(query, "status"))) {
            switch (status.toLowerCase(java.util.Locale.ROOT)) {
                case "open" -> Arrays.stream(RequestStatus.values()).filter(RequestStatus::open).forEach(statuses::add);
                case "closed" -> Arrays.stream(RequestStatus.values()).filter(s -> !s.open()).forEach(statuses::add);
                default -> badStatus = true;
            }
        }
        if (badStatus) {
            problems.add(new Open311Error.Entry(400, input.field("status", "open311.error.status")));
        }
        if (problems.isEmpty()) {
            if (start == null && end == null) {
                end = clock.instant().plusSeconds(1);
                start = end.minus(WINDOW);
            } else if (start == null) {
                start = end.minus(WINDOW);
            } else if (end == null) {
                end = start.plus(WINDOW);
            } else if (end.isBefore(start)) {
                problems.add(new Open311Error.Entry(400, input.field("end_date", "open311.error.dates.order")));
            } else if (java.time.Duration.between(start, end).compareTo(WINDOW) > 0) {
                problems.add(new Open311Error.Entry(400, input.message("open311.error.field", "end_date",
                        input.message("open311.error.dates.window", WINDOW.toDays()))));
            }
        }
        if (!problems.isEmpty()) {
            throw new Open311Error(400, problems);
        }
        List<String> codes = list(input.value(query, "service_code")).stream().map(String::trim).toList();
        List<ServiceRequest> found = register.search(start, end, codes, statuses.stream().distinct().toList(), offset, pageSize,
                withPrivate);
        return input.respond(as, new Open311Document("service_requests", describe(found)));
    }

    /** A comma-separated parameter's items, without empty ones. */
    private static List<String> list(String value) {
        return value == null ? List.of()
                : Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    /** The requests in the specification's shape; never any contact details. */
    Open311RequestList describe(List<ServiceRequest> requests) {
        Map<UUID, Service> byId = requests.stream().map(ServiceRequest::serviceId).distinct()
                .map(services::byId).flatMap(java.util.Optional::stream)
                .collect(Collectors.toMap(Service::id, Function.identity()));
        Map<UUID, String> teamNames = teams.byIds(byId.values().stream().map(Service::teamId).filter(Objects::nonNull)
                .collect(Collectors.toSet())).stream().collect(Collectors.toMap(Team::id, Team::name));
        return new Open311RequestList(requests, byId, teamNames, zone);
    }

    /**
     * Whether a GET may show private requests: only with an {@code api_key} that may read cases
     * ({@code requests.read}). Without a key, or with one that may only submit, private requests are
     * left out as if they did not exist; a key that is not valid is refused (403), so a client
     * learns its key is wrong rather than seeing less.
     */
    private boolean readsCases(String key) {
        if (key == null) {
            return false;
        }
        ApiClient client = apiKeys.verify(key.trim())
                .orElseThrow(() -> Open311Error.of(403, input.field("api_key", "open311.error.apiKey.invalid")));
        if (!client.hasScope(ApiScopes.REQUESTS_READ)) {
            return false;
        }
        apiKeys.actFor(client);
        return true;
    }

    private void checkApiKey(String key) {
        if (key == null) {
            throw Open311Error.of(403, input.field("api_key", "open311.error.apiKey.missing"));
        }
        ApiClient client = apiKeys.verify(key.trim())
                .orElseThrow(() -> Open311Error.of(403, input.field("api_key", "open311.error.apiKey.invalid")));
        if (!client.hasScope(ApiScopes.OPEN311_SUBMIT)) {
            throw Open311Error.of(403, input.field("api_key", "open311.error.apiKey.scope"));
        }
        apiKeys.actFor(client);
    }

    /** A rule the use case found broken, as Open311 names the field: "field: the rule". */
    private Open311Error.Entry problem(Violation violation) {
        String field = violation.field();
        String code = RequestSubmission.answerCode(field);
        String name = code != null ? Answers.field(code) : FIELDS.getOrDefault(field, field);
        String key = switch (violation.messageKey()) {
            case "requests.submission.location.required" -> "open311.error.location.missing";
            case "requests.submission.coordinate.pair" -> "open311.error.coordinate.pair";
            default -> violation.messageKey();
        };
        return new Open311Error.Entry(400, input.field(name, key));
    }

    /** {@code attribute[code]=v} and {@code attribute[code][]=v1&...}; empty values count as absent. */
    private static Map<String, List<String>> answers(Map<String, String[]> form) {
        Map<String, List<String>> answers = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            Matcher matcher = ATTRIBUTE.matcher(name);
            if (!matcher.matches()) {
                return;
            }
            List<String> given = Arrays.stream(values).filter(v -> v != null && !v.isBlank()).map(String::trim).toList();
            if (!given.isEmpty()) {
                answers.computeIfAbsent(matcher.group(1), code -> new ArrayList<>()).addAll(given);
            }
        });
        return answers;
    }

}

package org.civitas.requests.api;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.civitas.identity.ApiClient;
import org.civitas.identity.CivitasPrincipal;
import org.civitas.identity.Role;
import org.civitas.platform.CivitasProperties;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.Violation;
import org.civitas.platform.input.Paging;
import org.civitas.platform.input.Parsed;
import org.civitas.platform.input.WholeNumbers;
import org.civitas.requests.cases.Actor;
import org.civitas.requests.cases.CaseDetail;
import org.civitas.requests.cases.CaseEvent;
import org.civitas.requests.cases.CasePage;
import org.civitas.requests.cases.CaseQuery;
import org.civitas.requests.cases.CaseScope;
import org.civitas.requests.cases.Cases;
import org.civitas.requests.cases.Contact;
import org.civitas.requests.submission.RequestSubmission;
import org.civitas.requests.cases.RequestStatus;
import org.civitas.requests.cases.ServiceRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff handle cases: the queue, one case with its history, assignment, the lifecycle and duplicates.
 * Caseworkers and service managers see their teams' cases only; a case of another team is answered
 * with 404, as if it did not exist. Administrators and API keys see every case.
 */
@RestController
@RequestMapping(path = "/api/v1/cases", produces = "application/json")
@Tag(name = "Cases", description = "Staff case handling: queue, details and history, assignment, status changes, duplicates")
class CasesApi {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;
    /** A hundred years. */
    static final int MAX_OLDER_THAN_DAYS = 36_500;

    static final String CASE_EXAMPLE = """
            {"reference":"RBC-7K3M-9Q2P","service":"pothole","serviceVersion":1,"status":"in_progress","open311Status":"open",
             "description":"A deep pothole by the bus stop.","lat":51.4613,"long":-0.3037,"addressString":"12 River Street, Riverside",
             "addressId":null,"mediaUrl":null,"channel":"open311","requestedAt":"2026-03-10T14:30:00Z","updatedAt":"2026-03-11T09:00:00Z",
             "expectedAt":"2026-03-17T14:30:00Z","slaBreached":false,"assignedTo":"6f1c2a9e-0d51-4c1b-9b0f-1f3e1c2d3a4b",
             "duplicateOf":null,"statusNote":"A crew is booked for Thursday.","answers":{"size":["large"]},
             "history":[{"kind":"transition","from":"submitted","to":"acknowledged",
               "actor":{"kind":"staff","id":"6f1c2a9e-0d51-4c1b-9b0f-1f3e1c2d3a4b"},"assignedTo":null,
               "publicNote":"Thank you, we have your report.","internalNote":null,"reportedStatus":null,"mediaUrl":null,
               "updateId":"0b7d4c1e-8f0a-4d2b-9c3e-5a6f7b8c9d0e","at":"2026-03-10T15:00:00Z"},
              {"kind":"assignment","from":"acknowledged","to":"acknowledged",
               "actor":{"kind":"staff","id":"2d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a"},"assignedTo":"6f1c2a9e-0d51-4c1b-9b0f-1f3e1c2d3a4b",
               "publicNote":null,"internalNote":null,"reportedStatus":null,"mediaUrl":null,
               "updateId":"5c3a2b1d-0e9f-4a8b-8c7d-6e5f4a3b2c1d","at":"2026-03-10T16:00:00Z"},
              {"kind":"transition","from":"acknowledged","to":"in_progress",
               "actor":{"kind":"staff","id":"6f1c2a9e-0d51-4c1b-9b0f-1f3e1c2d3a4b"},"assignedTo":null,
               "publicNote":"A crew is booked for Thursday.","internalNote":"Needs the big patcher.","reportedStatus":null,"mediaUrl":null,
               "updateId":"9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d","at":"2026-03-11T09:00:00Z"},
              {"kind":"comment","from":"in_progress","to":"in_progress","actor":{"kind":"api","id":"3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b"},
               "assignedTo":null,"publicNote":"It has got deeper since.","internalNote":null,"reportedStatus":"OPEN",
               "mediaUrl":"https://fixmystreet.example/photo/123.jpeg","updateId":"7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910",
               "at":"2026-03-11T18:20:00Z"}]}""";

    record ActorView(@Schema(example = "staff", description = "staff, api or system") String kind,
                     @Schema(description = "The account id of the member of staff, or the API key id; null for the system") UUID id) {
    }

    record HistoryEntry(@Schema(example = "transition", description = "transition (a status change), assignment (to assignedTo) "
                                + "or comment (an update sent through Open311 servicerequestupdates, e.g. from FixMyStreet)") String kind,
                        @Schema(example = "acknowledged") String from, @Schema(example = "in_progress") String to, ActorView actor,
                        @Schema(description = "For an assignment: the account id of the member of staff it went to") UUID assignedTo,
                        @Schema(example = "A crew is booked for Thursday.") String publicNote,
                        @Schema(description = "Shown to staff only; null for API keys") String internalNote,
                        @Schema(description = "For a comment: the status the sending client gave, such as OPEN or CLOSED") String reportedStatus,
                        @Schema(description = "For a comment: the photo the client sent") String mediaUrl,
                        @Schema(description = "The entry's public id (Open311 update_id)") UUID updateId, OffsetDateTime at) {
    }

    record CaseSummaryView(@Schema(example = "RBC-7K3M-9Q2P") String reference, @Schema(example = "pothole") String service,
                           @Schema(example = "acknowledged") String status, @Schema(example = "12 River Street, Riverside") String addressString,
                           OffsetDateTime requestedAt, OffsetDateTime expectedAt, boolean slaBreached, UUID assignedTo) {
    }

    record QueueView(List<CaseSummaryView> cases, @Schema(example = "1") int page, @Schema(example = "20") int size,
                     @Schema(example = "42", description = "Cases matching the filters") long total,
                     @Schema(description = "Every case you may see, by status (filters not applied)",
                             example = "{\"submitted\":12,\"acknowledged\":5,\"in_progress\":7,\"resolved\":15,\"closed\":3,\"rejected\":0,\"duplicate\":1,\"reopened\":0}")
                     Map<String, Long> counts,
                     @Schema(example = "4", description = "Open cases you may see that are past their expected completion") long breached) {
    }

    record CaseView(String reference, String service, int serviceVersion, String status, String open311Status, String description,
                    BigDecimal lat, @Schema(name = "long") @com.fasterxml.jackson.annotation.JsonProperty("long") BigDecimal lon, String addressString, String addressId, String mediaUrl,
                    String channel, OffsetDateTime requestedAt, OffsetDateTime updatedAt, OffsetDateTime expectedAt,
                    boolean slaBreached, UUID assignedTo, String duplicateOf, String statusNote,
                    Map<String, List<String>> answers, List<HistoryEntry> history,
                    @Schema(example = "cy", allowableValues = {"en", "cy"}, description = "The language the resident made the request in "
                            + "(en English, cy Welsh): reply in it. The page's language on the web; Accept-Language (else the body's "
                            + "default) on Open311 and this API; en for requests made before Civitas spoke Welsh") String language) {
    }

    record AssignInput(@Schema(example = "me", description = "An account id, or me") String assignee) {
    }

    record TransitionInput(@Schema(example = "in_progress") String status,
                           @Schema(example = "A crew is booked for Thursday.", description = "Shown to the public (Open311 status_notes)") String publicNote,
                           @Schema(example = "Needs the big patcher.", description = "Staff only") String internalNote) {
    }

    record DuplicateInput(@Schema(example = "RBC-4HQ2-8MZT", description = "The reference of the original request") String original,
                          @Schema(example = "Already reported: we are on it.") String publicNote,
                          @Schema(example = "Same pothole, reported twice.") String internalNote) {
    }

    record ContactInput(@Schema(example = "Ann") String firstName, @Schema(example = "Example") String lastName,
                        @Schema(example = "ann@example.org") String email, @Schema(example = "01632 960 001") String phone) {
    }

    record NewCaseInput(@Schema(example = "pothole", description = "The service code: a live service your team handles") String service,
                        @Schema(example = "phone", description = "How the resident got in touch: phone or counter") String channel,
                        @Schema(example = "A deep pothole by the bus stop.", description = "At most 4000 characters (Unicode code points), no markup")
                        String description,
                        @Schema(example = "12 River Street, Riverside") String addressString,
                        @Schema(example = "51.4613", description = "Decimal degrees as text: -90 to 90, no exponent, at most 15 decimals (6 kept)")
                        String lat,
                        @Schema(name = "long", example = "-0.3037", description = "Decimal degrees as text: -180 to 180")
                        @com.fasterxml.jackson.annotation.JsonProperty("long") String lon,
                        @Schema(example = "{\"size\":[\"large\"],\"surface\":[\"road\"]}",
                                description = "Answers to the service's questions: question code to values") Map<String, List<String>> answers,
                        @Schema(description = "The resident's contact details; required when the service refuses anonymous requests")
                        ContactInput contact) {
    }

    /** The use case's domain field names as this API names its input's fields. */
    private static final Map<String, String> FIELDS = Map.of("location.lat", "lat", "location.lon", "long",
            "location.address", "addressString");

    private final Cases cases;
    private final RequestSubmission submission;
    private final CivitasProperties properties;
    private final Clock clock;

    CasesApi(Cases cases, RequestSubmission submission, CivitasProperties properties, Clock clock) {
        this.cases = cases;
        this.submission = submission;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "The case queue",
            description = "Cases you may see, oldest first, a page at a time, with counts by status. Caseworkers and service "
                    + "managers see their teams' cases; administrators and API keys (requests.read) see all.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = QueueView.class), examples = @ExampleObject(
            name = "queue", value = """
                    {"cases":[{"reference":"RBC-7K3M-9Q2P","service":"pothole","status":"acknowledged","addressString":"12 River Street, Riverside",
                      "requestedAt":"2026-03-10T14:30:00Z","expectedAt":"2026-03-17T14:30:00Z","slaBreached":false,"assignedTo":null}],
                     "page":1,"size":20,"total":1,"counts":{"submitted":0,"acknowledged":1,"in_progress":0,"resolved":0,"closed":0,
                     "rejected":0,"duplicate":0,"reopened":0},"breached":0}""")))
    @ApiResponse(responseCode = "422", description = "A filter is not valid: each named")
    QueueView queue(@Parameter(description = "A status code, such as in_progress") @RequestParam(required = false) String status,
                    @Parameter(description = "A service code, such as pothole") @RequestParam(required = false) String service,
                    @Parameter(description = "breached (past expected completion, still open) or due (still open, not yet past it)")
                    @RequestParam(required = false) String sla,
                    @Parameter(description = "me: only cases assigned to you") @RequestParam(required = false) String assigned,
                    @Parameter(description = "Only cases made more than this many days ago: a whole number from 0 to 36500")
                    @RequestParam(name = "older_than_days", required = false) String olderThanDays,
                    @Parameter(description = "From 1 to 1000000; 1 when not given") @RequestParam(required = false) String page,
                    @Parameter(description = "1 to 100; 20 when not given") @RequestParam(required = false) String size,
                    Authentication caller) {
        List<Violation> violations = new ArrayList<>();
        RequestStatus statusFilter = null;
        if (present(status)) {
            statusFilter = RequestStatus.fromCode(status.trim()).orElse(null);
            if (statusFilter == null) {
                violations.add(new Violation("status", "requests.case.status.unknown"));
            }
        }
        if (present(sla) && !sla.equals("breached") && !sla.equals("due")) {
            violations.add(new Violation("sla", "requests.case.sla"));
        }
        UUID assignedTo = null;
        if (present(assigned)) {
            if (assigned.equals("me") && caller.getPrincipal() instanceof CivitasPrincipal person) {
                assignedTo = person.accountId();
            }
            else {
                assignedTo = uuid(assigned);
                if (assignedTo == null) {
                    violations.add(new Violation("assigned", "requests.case.assignee.format"));
                }
            }
        }
        Integer older = present(olderThanDays) ? WholeNumbers.parseInt(olderThanDays, 0, MAX_OLDER_THAN_DAYS).orElse(null) : null;
        if (present(olderThanDays) && older == null) {
            violations.add(new Violation("older_than_days", "requests.case.olderThanDays"));
        }
        Parsed<Integer> pageNumber = Paging.page(page);
        if (!pageNumber.ok()) {
            violations.add(new Violation("page", "requests.case.page"));
        }
        Parsed<Integer> pageSize = Paging.size(size, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        if (!pageSize.ok()) {
            violations.add(new Violation("size", "requests.case.size"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        CasePage found = cases.queue(scope(caller), new CaseQuery(statusFilter, present(service) ? service.trim() : null,
                present(sla) ? sla : null, assignedTo, older, pageNumber.get(), pageSize.get()));
        Instant now = clock.instant();
        return new QueueView(found.cases().stream().map(c -> new CaseSummaryView(c.request().reference(), c.request().serviceCode(),
                        c.request().status().code(), c.request().addressString(), local(c.request().requestedAt()),
                        local(c.request().expectedAt()), c.request().slaBreached(now), c.assignedTo())).toList(),
                pageNumber.get(), pageSize.get(), found.total(), found.byStatus(), found.breached());
    }

    @PostMapping(consumes = "application/json")
    @Operation(summary = "Enter a request for a resident",
            description = "A caseworker logs a phone call (channel phone) or a visit at the counter (channel counter). The same rules "
                    + "as every other way in: a live service the caller's team handles (administrators and API keys with "
                    + "requests.manage: any), where it is (addressString, or lat and long together), the description, the answers "
                    + "to the service's questions, and the resident's contact details when the service refuses anonymous requests. "
                    + "The case records the language of the call's Accept-Language (en or cy; else the body's default) as the "
                    + "language the resident used, and error messages come in it too.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = NewCaseInput.class), examples = @ExampleObject(name = "phone call", value = """
                            {"service":"pothole","channel":"phone","description":"A deep pothole by the bus stop.",
                             "addressString":"12 River Street, Riverside","answers":{"size":["large"],"surface":["road"]},
                             "contact":{"firstName":"Ann","lastName":"Example","phone":"01632 960 001"}}"""))))
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = CaseView.class),
            examples = @ExampleObject(name = "case", value = CASE_EXAMPLE)))
    @ApiResponse(responseCode = "422", description = "A rule is broken, each named: service, channel, location, lat, long, addressString, "
            + "description, answers.<question code>, contact.firstName, contact.lastName, contact.name, contact.email, contact.phone")
    org.springframework.http.ResponseEntity<CaseView> enter(@RequestBody NewCaseInput input, Authentication caller) {
        CaseScope scope = scope(caller);
        NewCaseInput given = input == null ? new NewCaseInput(null, null, null, null, null, null, null, null) : input;
        ContactInput contact = given.contact();
        ServiceRequest stored;
        try {
            stored = submission.enter(scope, new RequestSubmission.StaffEntry(given.service(), given.channel(), given.description(),
                    given.addressString(), given.lat(), given.lon(), given.answers(),
                    contact == null ? null : new Contact(contact.firstName(), contact.lastName(), contact.email(), contact.phone()),
                    org.civitas.platform.Languages.current())); // Accept-Language, else CIVITAS_DEFAULT_LANGUAGE
        }
        catch (InvalidInput invalid) {
            throw new InvalidInput(invalid.violations().stream()
                    .map(v -> new Violation(FIELDS.getOrDefault(v.field(), v.field()), v.messageKey())).toList());
        }
        return org.springframework.http.ResponseEntity.created(java.net.URI.create("/api/v1/cases/" + stored.reference()))
                .body(view(cases.find(scope, stored.reference()), caller));
    }

    @GetMapping("/{reference}")
    @Operation(summary = "Get a case", description = "The request, its answers and its history. Internal notes are shown to staff only.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CaseView.class),
            examples = @ExampleObject(name = "case", value = CASE_EXAMPLE)))
    @ApiResponse(responseCode = "404", description = "No case has this reference, or it belongs to another team")
    CaseView one(@PathVariable String reference, Authentication caller) {
        return view(cases.find(scope(caller), reference), caller);
    }

    @PostMapping(path = "/{reference}/assign", consumes = "application/json")
    @Operation(summary = "Assign a case", description = "To yourself (me) or to a colleague (their account id).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = AssignInput.class), examples = @ExampleObject(name = "me", value = "{\"assignee\":\"me\"}"))))
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CaseView.class),
            examples = @ExampleObject(name = "case", value = CASE_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "The Idempotency-Key header is malformed")
    @ApiResponse(responseCode = "404", description = "No case has this reference, or it belongs to another team")
    @ApiResponse(responseCode = "422", description = "The assignee is missing or not an account id; or the Idempotency-Key was used with another body")
    CaseView assign(@PathVariable String reference, @RequestBody AssignInput input, Authentication caller) {
        UUID assignee;
        String given = input == null ? null : input.assignee();
        if (!present(given)) {
            throw new InvalidInput(List.of(new Violation("assignee", "requests.case.assignee.required")));
        }
        if (given.trim().equals("me") && caller.getPrincipal() instanceof CivitasPrincipal person) {
            assignee = person.accountId();
        }
        else {
            assignee = uuid(given);
            if (assignee == null) {
                throw new InvalidInput(List.of(new Violation("assignee", "requests.case.assignee.format")));
            }
        }
        return view(cases.assign(scope(caller), reference, assignee, actor(caller)), caller);
    }

    @PostMapping(path = "/{reference}/transition", consumes = "application/json")
    @Operation(summary = "Move a case to another status",
            description = "submitted → acknowledged → in_progress → resolved or closed; rejected (before work starts); resolved → closed; "
                    + "resolved or closed → reopened. The public note becomes the case's status note (Open311 status_notes).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = TransitionInput.class), examples = @ExampleObject(name = "start work", value = """
                            {"status":"in_progress","publicNote":"A crew is booked for Thursday.","internalNote":"Needs the big patcher."}"""))))
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CaseView.class),
            examples = @ExampleObject(name = "case", value = CASE_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "The Idempotency-Key header is malformed")
    @ApiResponse(responseCode = "404", description = "No case has this reference, or it belongs to another team")
    @ApiResponse(responseCode = "422", description = "The status is unknown or not allowed from the current one (field status), a note is too long")
    CaseView transition(@PathVariable String reference, @RequestBody TransitionInput input, Authentication caller) {
        TransitionInput given = input == null ? new TransitionInput(null, null, null) : input;
        return view(cases.transition(scope(caller), reference, given.status(), actor(caller), given.publicNote(), given.internalNote()),
                caller);
    }

    @PostMapping(path = "/{reference}/duplicate", consumes = "application/json")
    @Operation(summary = "Mark a case as a duplicate", description = "Links it to the original request and closes it (status duplicate).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = DuplicateInput.class), examples = @ExampleObject(name = "duplicate", value = """
                            {"original":"RBC-4HQ2-8MZT","publicNote":"Already reported: we are on it."}"""))))
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CaseView.class),
            examples = @ExampleObject(name = "case", value = CASE_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "The Idempotency-Key header is malformed")
    @ApiResponse(responseCode = "404", description = "No case has this reference, or it belongs to another team")
    @ApiResponse(responseCode = "422", description = "The original is missing or unknown (field original), or the case can no longer be a duplicate (field status)")
    CaseView duplicate(@PathVariable String reference, @RequestBody DuplicateInput input, Authentication caller) {
        DuplicateInput given = input == null ? new DuplicateInput(null, null, null) : input;
        return view(cases.markDuplicate(scope(caller), reference, given.original(), actor(caller), given.publicNote(),
                given.internalNote()), caller);
    }

    /** Which cases the caller may see. */
    static CaseScope scope(Authentication caller) {
        Object principal = caller == null ? null : caller.getPrincipal();
        if (principal instanceof ApiClient) {
            return CaseScope.all();
        }
        if (principal instanceof CivitasPrincipal person) {
            if (person.hasRole(Role.ADMINISTRATOR)) {
                return CaseScope.all();
            }
            if (person.staff()) {
                return CaseScope.teams(person.teamIds());
            }
        }
        throw new AccessDeniedException("cases are for staff");
    }

    private static Actor actor(Authentication caller) {
        if (caller.getPrincipal() instanceof ApiClient client) {
            return Actor.api(client.keyId());
        }
        if (caller.getPrincipal() instanceof CivitasPrincipal person) {
            return Actor.staff(person.accountId());
        }
        throw new AccessDeniedException("cases are for staff");
    }

    private CaseView view(CaseDetail detail, Authentication caller) {
        boolean staff = caller.getPrincipal() instanceof CivitasPrincipal;
        ServiceRequest r = detail.request();
        List<HistoryEntry> history = detail.history().stream().map((CaseEvent e) -> new HistoryEntry(e.kind(), e.from().code(), e.to().code(),
                new ActorView(e.actor().kind(), e.actor().id()), e.assignedTo(), e.publicNote(), staff ? e.internalNote() : null,
                e.reportedStatus(), e.mediaUrl(), e.updateId(), local(e.at()))).toList();
        return new CaseView(r.reference(), r.serviceCode(), r.serviceVersion(), r.status().code(), r.status().open311(), r.description(),
                r.lat(), r.lon(), r.addressString(), r.addressId(), r.mediaUrl(), r.channel().code(), local(r.requestedAt()),
                local(r.updatedAt()), local(r.expectedAt()), r.slaBreached(clock.instant()), detail.assignedTo(), detail.duplicateOf(),
                r.statusNote(), detail.answers(), history, detail.language());
    }

    private OffsetDateTime local(Instant instant) {
        return instant == null ? null : instant.atZone(properties.timeZone()).toOffsetDateTime();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value.trim());
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }

}

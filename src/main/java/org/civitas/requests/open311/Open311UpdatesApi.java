package org.civitas.requests.open311;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.civitas.identity.ApiClient;
import org.civitas.identity.ApiKeyVerifier;
import org.civitas.identity.ApiScopes;
import org.civitas.platform.CivitasProperties;
import org.civitas.requests.cases.Actor;
import org.civitas.requests.cases.Contact;
import org.civitas.requests.cases.RequestStatus;
import org.civitas.requests.cases.RequestUpdates;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service request updates extension as FixMyStreet's Open311 client uses it, so that a
 * FixMyStreet installation can use Civitas as a council's back office.
 * <p>
 * GET {@code servicerequestupdates} lists the public updates of every request (status changes with
 * their public note, and comments sent in) made between {@code start_date} and {@code end_date};
 * never assignments, never internal notes. POST {@code servicerequestupdates} adds a resident's
 * comment to a request; the person's details are sealed in the trust vault. Both need an api_key.
 * <p>
 * Civitas's statuses are given in FixMyStreet's extended words (lower case, as mySociety's
 * open311-adapter writes them), each with {@code external_status_code} the Civitas status itself:
 * submitted, acknowledged and reopened → open; in_progress → in_progress; resolved → fixed;
 * closed → closed; rejected → no_further_action; duplicate → duplicate.
 */
@RestController
@RequestMapping("/open311/v2")
class Open311UpdatesApi {

    static final int MAX_RESULTS = 1000;
    static final Duration WINDOW = Duration.ofDays(90);
    /** What GET gives without dates: FixMyStreet asks for the last two hours; a day leaves room for a missed poll. */
    static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
    /** How far in the future a sender's clock may be. */
    static final Duration CLOCK_SKEW = Duration.ofHours(1);
    static final int MAX_UPDATE_ID = 100;

    /** The statuses FixMyStreet sends (OPEN/CLOSED, or its extended ones when the body is set up for them). */
    static final Set<String> STATUSES = Set.of("OPEN", "CLOSED", "FIXED", "IN_PROGRESS", "ACTION_SCHEDULED", "INVESTIGATING",
            "DUPLICATE", "NOT_COUNCILS_RESPONSIBILITY", "NO_FURTHER_ACTION", "INTERNAL_REFERRAL", "REOPEN");
    /** The statuses that say the problem is not fixed: a resolved or closed case is reopened. */
    static final Set<String> REOPENING = Set.of("OPEN", "REOPEN");

    private static final Pattern UPDATE_ID = Pattern.compile("[\\x21-\\x7e]{1," + MAX_UPDATE_ID + "}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final RequestUpdates updates;
    private final ApiKeyVerifier apiKeys;
    private final Open311Input input;
    private final ZoneId zone;
    private final Clock clock;

    Open311UpdatesApi(RequestUpdates updates, ApiKeyVerifier apiKeys, CivitasProperties civitas,
                      Clock clock, Open311Input input) {
        this.input = input;
        this.updates = updates;
        this.apiKeys = apiKeys;
        this.clock = clock;
        this.zone = civitas.timeZone() == null ? ZoneId.of("UTC") : civitas.timeZone();
    }

    /** FixMyStreet's word for a Civitas status. */
    static String fixMyStreetStatus(RequestStatus status) {
        return switch (status) {
            case SUBMITTED, ACKNOWLEDGED, REOPENED -> "open";
            case IN_PROGRESS -> "in_progress";
            case RESOLVED -> "fixed";
            case CLOSED -> "closed";
            case REJECTED -> "no_further_action";
            case DUPLICATE -> "duplicate";
        };
    }

    /**
     * The public updates made from {@code start_date} up to {@code end_date} (at most 90 days apart; the
     * last 24 hours when both are absent, 24 hours up to end_date when only that is given), newest
     * first, with {@code page} and {@code page_size} as for GET requests.
     */
    @GetMapping({"/servicerequestupdates.json", "/servicerequestupdates.xml", "/servicerequestupdates.{format}"})
    ResponseEntity<byte[]> list(@PathVariable(required = false) String format, HttpServletRequest http) {
        Map<String, String[]> query = http.getParameterMap();
        // the key first: nothing about this feed is answered without one, not even a bad format
        checkApiKey(input.value(query, "api_key"), Set.of(ApiScopes.OPEN311_SUBMIT, ApiScopes.REQUESTS_READ), "open311.error.apiKey.updatesRead");
        Open311Format as = input.format(Open311Format.extension(format, http));
        input.checkJurisdiction(input.value(query, "jurisdiction_id"));
        List<Open311Error.Entry> problems = new ArrayList<>();
        int page = input.whole(query, "page", 1, Integer.MAX_VALUE, 1, problems);
        int pageSize = input.whole(query, "page_size", 1, MAX_RESULTS, MAX_RESULTS, problems);
        Instant start = input.date(query, "start_date", problems);
        Instant end = input.date(query, "end_date", problems);
        if (problems.isEmpty()) {
            if (start == null && end == null) {
                end = clock.instant().plusSeconds(1);
                start = end.minus(DEFAULT_WINDOW);
            } else if (start == null) {
                start = end.minus(DEFAULT_WINDOW);
            } else if (end == null) {
                end = start.plus(WINDOW);
            } else if (end.isBefore(start)) {
                problems.add(new Open311Error.Entry(400, input.field("end_date", "open311.error.dates.order")));
            } else if (Duration.between(start, end).compareTo(WINDOW) > 0) {
                problems.add(new Open311Error.Entry(400, input.message("open311.error.field", "end_date",
                        input.message("open311.error.dates.window", WINDOW.toDays()))));
            }
        }
        if (!problems.isEmpty()) {
            throw new Open311Error(400, problems);
        }
        // end_date is inclusive, as FixMyStreet reads it (it keeps updates up to and including end_date)
        List<Map<String, Object>> found = updates.between(start, end.plusNanos(1000), (long) (page - 1) * pageSize, pageSize)
                .stream().map(this::describe).toList();
        return input.respond(as, new Open311Document("service_request_updates", found));
    }

    private Map<String, Object> describe(RequestUpdates.PublicUpdate update) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("update_id", update.updateId().toString());
        entry.put("service_request_id", update.reference());
        entry.put("status", fixMyStreetStatus(update.status()));
        entry.put("updated_datetime", datetime(update.at()));
        entry.put("description", update.publicNote());
        entry.put("media_url", update.mediaUrl());
        entry.put("external_status_code", update.status().code());
        return entry;
    }

    /**
     * A resident's comment on a request, as FixMyStreet posts it. Answers Civitas's own update_id,
     * which is also the update's update_id in the GET feed (so FixMyStreet recognises its own comment).
     */
    @PostMapping({"/servicerequestupdates.json", "/servicerequestupdates.xml", "/servicerequestupdates.{format}"})
    ResponseEntity<byte[]> submit(@PathVariable(required = false) String format, HttpServletRequest http) {
        Map<String, String[]> form = http.getParameterMap();
        ApiClient client = checkApiKey(input.value(form, "api_key"), Set.of(ApiScopes.OPEN311_SUBMIT), "open311.error.apiKey.updatesSubmit");
        Open311Format as = input.format(Open311Format.extension(format, http));
        input.checkJurisdiction(input.value(form, "jurisdiction_id"));

        List<Open311Error.Entry> problems = new ArrayList<>();
        String requestId = input.value(form, "service_request_id");
        if (requestId == null) {
            problems.add(new Open311Error.Entry(400, input.field("service_request_id", "open311.error.requestId.missing")));
        } else if (requestId.length() > 100) {
            problems.add(new Open311Error.Entry(400, input.field("service_request_id", "open311.error.requestId.format")));
        }
        String updateId = input.value(form, "update_id");
        if (updateId == null) {
            problems.add(new Open311Error.Entry(400, input.field("update_id", "open311.error.updateId.missing")));
        } else if (!UPDATE_ID.matcher(updateId.trim()).matches()) {
            problems.add(new Open311Error.Entry(400, input.message("open311.error.field", "update_id",
                    input.message("open311.error.updateId.format", MAX_UPDATE_ID))));
        }
        String status = input.value(form, "status");
        String reported = status == null ? null : status.trim().toUpperCase(Locale.ROOT);
        if (status == null) {
            problems.add(new Open311Error.Entry(400, input.field("status", "open311.error.updateStatus.missing")));
        } else if (!STATUSES.contains(reported)) {
            problems.add(new Open311Error.Entry(400, input.field("status", "open311.error.updateStatus.unknown")));
        }
        Instant updated = input.date(form, "updated_datetime", problems);
        if (updated == null && input.value(form, "updated_datetime") == null) {
            problems.add(new Open311Error.Entry(400, input.field("updated_datetime", "open311.error.updatedDatetime.missing")));
        } else if (updated != null && updated.isAfter(clock.instant().plus(CLOCK_SKEW))) {
            problems.add(new Open311Error.Entry(400, input.field("updated_datetime", "open311.error.datetime.future")));
        }
        String description = input.text(form, "description", Open311RequestsApi.MAX_DESCRIPTION, problems);
        String mediaUrl = input.mediaUrl(form, problems);
        String email = input.text(form, "email", Open311RequestsApi.MAX_EMAIL, problems);
        if (email != null && !EMAIL.matcher(email.trim()).matches()) {
            problems.add(new Open311Error.Entry(400, input.field("email", "open311.error.email")));
        }
        Contact contact = new Contact(input.text(form, "first_name", Open311RequestsApi.MAX_NAME, problems),
                input.text(form, "last_name", Open311RequestsApi.MAX_NAME, problems), email == null ? null : email.trim(),
                input.text(form, "phone", Open311RequestsApi.MAX_PHONE, problems));
        if (!problems.isEmpty()) {
            throw new Open311Error(400, problems);
        }

        RequestUpdates.Recorded recorded;
        try {
            recorded = updates.comment(requestId.trim(), Actor.api(client.keyId()), new RequestUpdates.NewComment(updateId.trim(),
                            reported, REOPENING.contains(reported), updated, description == null ? null : description.trim(),
                            mediaUrl, contact))
                    .orElseThrow(() -> Open311Error.of(404, input.message("open311.error.request.unknown")));
        } catch (RequestUpdates.UpdateIdTaken | DuplicateKeyException taken) {
            throw Open311Error.of(400, input.field("update_id", "open311.error.updateId.taken"));
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("update_id", recorded.updateId().toString());
        return input.respond(as, new Open311Document("service_request_updates", List.of(entry)));
    }

    private ApiClient checkApiKey(String key, Set<String> scopes, String scopeMessage) {
        if (key == null) {
            throw Open311Error.of(403, input.field("api_key", "open311.error.apiKey.missing"));
        }
        ApiClient client = apiKeys.verify(key.trim())
                .orElseThrow(() -> Open311Error.of(403, input.field("api_key", "open311.error.apiKey.invalid")));
        if (scopes.stream().noneMatch(client::hasScope)) {
            throw Open311Error.of(403, input.field("api_key", scopeMessage));
        }
        apiKeys.actFor(client);
        return client;
    }

    private String datetime(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(zone).toOffsetDateTime());
    }

}

package org.civitas.requests.citizen;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.civitas.platform.ExpiringCache;
import org.civitas.platform.input.WholeNumbers;
import org.civitas.requests.cases.Markup;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.Violation;
import org.civitas.requests.PageFeedbackGiven;
import org.civitas.requests.SatisfactionGiven;
import org.civitas.requests.cases.RequestStatus;
import org.civitas.requests.cases.ServiceRequest;
import org.civitas.requests.cases.ServiceRequestRegister;
import org.civitas.trust.PersonalData;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What residents see of their requests and say about them: how often each service is used, a
 * request's public history, a signed-in resident's own requests, the satisfaction answer and
 * feedback on pages. Never returns internal notes or contact details.
 */
@Component
public class ResidentRequests {

    public static final int MAX_COMMENT = 2000;
    public static final int MAX_FEEDBACK = 2000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final ExpiringCache<Boolean, Map<String, Long>> usageCounts = new ExpiringCache<>(Duration.ofMinutes(5), 1);
    private final ServiceRequestRegister register;
    private final PersonalData vault;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ResidentRequests(JdbcClient jdbc, ServiceRequestRegister register, PersonalData vault, ApplicationEventPublisher events,
                     Clock clock) {
        this.jdbc = jdbc;
        this.register = register;
        this.vault = vault;
        this.events = events;
        this.clock = clock;
    }

    /** One step of a request's public history: the status it moved to, when, and the public note staff gave. */
    public record PublicStep(RequestStatus status, Instant at, String publicNote) {
    }

    /** A request as its requester or anyone with its reference may see it. */
    public record PublicRequest(ServiceRequest request, List<PublicStep> history, boolean satisfactionGiven) {

        public boolean finished() {
            return request.status() == RequestStatus.RESOLVED || request.status() == RequestStatus.CLOSED;
        }
    }

    /**
     * How many requests each service has had, by service code. Counting reads every request, and the
     * start page asks on every visit, so the counts are kept for a few minutes: the order of "most
     * used" does not need to be up to the second.
     */
    public Map<String, Long> usage() {
        return usageCounts.get(Boolean.TRUE, any -> {
            Map<String, Long> usage = new HashMap<>();
            jdbc.sql("select service_code, count(*) as n from requests.service_request group by service_code")
                    .query((rs, n) -> Map.entry(rs.getString("service_code"), rs.getLong("n"))).list()
                    .forEach(entry -> usage.put(entry.getKey(), entry.getValue()));
            return Map.copyOf(usage);
        });
    }

    /** The request with this reference (as typed) and its public history. */
    @Transactional(readOnly = true)
    public Optional<PublicRequest> byReference(String reference) {
        return register.byReference(reference).map(this::withHistory);
    }

    private PublicRequest withHistory(ServiceRequest request) {
        List<PublicStep> history = new ArrayList<>();
        history.add(new PublicStep(RequestStatus.SUBMITTED, request.requestedAt(), null));
        // status steps only: an assignment is staff's business and changes no status; a resident's comment
        // counts only when it moved the status (a reopening), and its text is the resident's, so it is not shown
        history.addAll(jdbc.sql("""
                        select to_status, at, case when kind = 'transition' then public_note end as public_note
                        from requests.case_event
                        where request_id = ? and (kind = 'transition' or (kind = 'comment' and from_status <> to_status))
                        order by id""")
                .param(request.id())
                .query((rs, n) -> new PublicStep(RequestStatus.fromCode(rs.getString("to_status")).orElseThrow(),
                        rs.getTimestamp("at").toInstant(), rs.getString("public_note")))
                .list());
        boolean given = jdbc.sql("select count(*) from requests.satisfaction where request_id = ?").param(request.id())
                .query(Long.class).single() > 0;
        return new PublicRequest(request, List.copyOf(history), given);
    }

    /** The requests a signed-in resident made on the web, newest first, with their history. */
    @Transactional(readOnly = true)
    public List<PublicRequest> ofAccount(UUID accountId) {
        return jdbc.sql("select reference from requests.service_request where requester_account = ? order by requested_at desc limit 200")
                .param(accountId).query(String.class).list().stream()
                .map(register::byReference).flatMap(Optional::stream).map(this::withHistory).toList();
    }

    /** Whether the request was made by this account. */
    @Transactional(readOnly = true)
    public boolean madeBy(UUID requestId, UUID accountId) {
        return accountId != null && jdbc.sql("select count(*) from requests.service_request where id = ? and requester_account = ?")
                .params(requestId, accountId).query(Long.class).single() > 0;
    }

    /** The code of the service a request was made for. */
    @Transactional(readOnly = true)
    public Optional<String> serviceOf(UUID requestId) {
        return jdbc.sql("select service_code from requests.service_request where id = ?").param(requestId).query(String.class).optional();
    }

    /**
     * A new secret for the request's satisfaction link, shown once on the confirmation page: 128
     * random bits, of which only the SHA-256 is stored.
     */
    @Transactional
    public String newSatisfactionKey(UUID requestId) {
        byte[] secret = new byte[16];
        RANDOM.nextBytes(secret);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        jdbc.sql("insert into requests.satisfaction_key (request_id, key_hash) values (?, ?)").params(requestId, sha256(key)).update();
        return key;
    }

    /** Whether {@code key} is the request's satisfaction secret (compared in constant time). */
    @Transactional(readOnly = true)
    public boolean satisfactionKeyMatches(UUID requestId, String key) {
        if (key == null || key.isBlank() || key.length() > 100) {
            return false;
        }
        return jdbc.sql("select key_hash from requests.satisfaction_key where request_id = ?").param(requestId)
                .query(byte[].class).optional().map(hash -> MessageDigest.isEqual(hash, sha256(key))).orElse(false);
    }

    /**
     * Stores the answer once the request is resolved or closed; publishes {@link SatisfactionGiven}
     * (without the comment, which is sealed). Refused naming the field for a missing or unknown
     * rating, a comment too long or with markup, a request not finished or already answered.
     */
    @Transactional
    public void giveSatisfaction(ServiceRequest request, String rating, String comment) {
        List<Violation> violations = new ArrayList<>();
        Integer score = null;
        if (rating == null || rating.isBlank()) {
            violations.add(new Violation("rating", "requests.satisfaction.rating.required"));
        }
        else {
            score = WholeNumbers.parseInt(rating, 1, 5).orElse(null);
            if (score == null) {
                violations.add(new Violation("rating", "requests.satisfaction.rating.unknown"));
            }
        }
        String text = comment == null || comment.isBlank() ? null : comment.trim();
        if (text != null && text.length() > MAX_COMMENT) {
            violations.add(new Violation("comment", "requests.satisfaction.comment.length"));
        }
        else if (text != null && Markup.in(text)) {
            violations.add(new Violation("comment", "requests.text.markup"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        ServiceRequest current = jdbc.sql("select id from requests.service_request where id = ? for update").param(request.id())
                .query(UUID.class).optional().flatMap(id -> register.byReference(request.reference())).orElseThrow();
        if (current.status() != RequestStatus.RESOLVED && current.status() != RequestStatus.CLOSED) {
            throw new InvalidInput(List.of(new Violation("rating", "requests.satisfaction.notFinished")));
        }
        UUID subject = null;
        byte[] sealed = null;
        if (text != null) {
            subject = vault.newSubject();
            sealed = vault.seal(subject, "requests.satisfaction.comment", text);
        }
        int inserted = jdbc.sql("""
                        insert into requests.satisfaction (request_id, rating, comment_subject, comment_sealed, given_at)
                        values (?, ?, ?, ?, ?) on conflict (request_id) do nothing""")
                .params(current.id(), score, subject, sealed, Timestamp.from(clock.instant())).update();
        if (inserted == 0) {
            throw new InvalidInput(List.of(new Violation("rating", "requests.satisfaction.given")));
        }
        events.publishEvent(new SatisfactionGiven(current.id(), current.reference(), current.serviceCode(), score));
    }

    /** Stores feedback on a page (the message sealed); publishes {@link PageFeedbackGiven}. */
    @Transactional
    public void givePageFeedback(String pagePath, String message) {
        List<Violation> violations = new ArrayList<>();
        String text = message == null ? "" : message.trim();
        if (text.isEmpty()) {
            violations.add(new Violation("message", "requests.feedback.message.required"));
        }
        else if (text.length() > MAX_FEEDBACK) {
            violations.add(new Violation("message", "requests.feedback.message.length"));
        }
        else if (Markup.in(text)) {
            violations.add(new Violation("message", "requests.text.markup"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        String path = safePath(pagePath);
        UUID id = UUID.randomUUID();
        UUID subject = vault.newSubject();
        jdbc.sql("insert into requests.page_feedback (id, page_path, message_subject, message_sealed, given_at) values (?, ?, ?, ?, ?)")
                .params(id, path, subject, vault.seal(subject, "requests.page_feedback.message", text), Timestamp.from(clock.instant())).update();
        events.publishEvent(new PageFeedbackGiven(id, path));
    }

    /** A path on this site, without query or fragment (which may carry what people typed); "/" otherwise. */
    public static String safePath(String path) {
        if (path == null || !path.startsWith("/") || path.startsWith("//") || path.length() > 500) {
            return "/";
        }
        String bare = path.replaceAll("[?#].*$", "");
        return bare.matches("[A-Za-z0-9/._~%-]*") ? bare : "/";
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

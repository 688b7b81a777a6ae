package org.civitas.requests.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.civitas.requests.CaseCommentReceived;
import org.civitas.requests.CaseStatusChanged;
import org.civitas.trust.PersonalData;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * The public updates of requests, as the Open311 service request updates extension (FixMyStreet's)
 * reads and writes them. An update is a row of a case's history: a status change (with its public
 * note) or a comment sent in by an outside system. Assignments and internal notes are never updates.
 */
@Component
public class RequestUpdates {

    /** The field a commenter's contact details are sealed for. */
    public static final String CONTACT_FIELD = "requests.case_event.contact";

    /** One public update: the case's status after it, the public note (never the internal one). */
    public record PublicUpdate(UUID updateId, String reference, RequestStatus status, String publicNote, String mediaUrl,
                               Instant at) {
    }

    /**
     * A comment sent by an outside system on behalf of a resident.
     *
     * @param clientUpdateId the sender's own id for it: a retry with the same id records nothing new
     * @param reportedStatus the status the sender gave (kept for staff)
     * @param reopen         whether the sender says the problem is open: reopens a resolved or closed case
     * @param contact        the resident's details: sealed in the vault, never stored in clear
     */
    public record NewComment(String clientUpdateId, String reportedStatus, boolean reopen, Instant reportedAt,
                             String description, String mediaUrl, Contact contact) {
    }

    /** The recorded comment's public id; {@code replayed} when it had been recorded before. */
    public record Recorded(UUID updateId, boolean replayed) {
    }

    /** The sender's update id was already used by the same sender for another request. */
    public static final class UpdateIdTaken extends RuntimeException {
        public UpdateIdTaken() {
            super("update id already used for another request", null, false, false);
        }
    }

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final PersonalData vault;
    private final JsonMapper json;
    private final Clock clock;

    RequestUpdates(JdbcClient jdbc, ApplicationEventPublisher events, PersonalData vault, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.vault = vault;
        this.json = json;
        this.clock = clock;
    }

    /** One page of the public updates made in {@code [from, to)}, newest first. */
    @Transactional(readOnly = true)
    public List<PublicUpdate> between(Instant from, Instant to, long offset, int limit) {
        return jdbc.sql("""
                        select e.update_id, r.reference, e.to_status, e.public_note, e.media_url, e.at
                        from requests.case_event e join requests.service_request r on r.id = e.request_id
                        where e.kind in ('transition', 'comment') and e.at >= ? and e.at < ?
                        order by e.at desc, e.id desc offset ? limit ?""")
                .params(Timestamp.from(from), Timestamp.from(to), offset, limit)
                .query((rs, n) -> new PublicUpdate(rs.getObject("update_id", UUID.class), rs.getString("reference"),
                        RequestStatus.fromCode(rs.getString("to_status")).orElseThrow(), rs.getString("public_note"),
                        rs.getString("media_url"), rs.getTimestamp("at").toInstant()))
                .list();
    }

    /**
     * Adds a comment to the case with this reference, by {@code actor} (the API client), in one
     * transaction: the history entry, the sealed contact details, a reopening when asked for and
     * allowed (a rejected or duplicate case stays as it is), and the events. Empty when there is no
     * such request. A retry with the same client update id gets the first answer and changes nothing.
     *
     * @throws UpdateIdTaken when the sender used this client update id for another request
     */
    @Transactional
    public Optional<Recorded> comment(String reference, Actor actor, NewComment comment) {
        record Target(UUID id, String reference, RequestStatus status) {
        }
        Optional<Target> found = References.normalise(reference).flatMap(normalised -> jdbc
                .sql("select id, reference, status from requests.service_request where reference = ? for update")
                .param(normalised)
                .query((rs, n) -> new Target(rs.getObject("id", UUID.class), rs.getString("reference"),
                        RequestStatus.fromCode(rs.getString("status")).orElseThrow()))
                .optional());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Target request = found.get();
        record Earlier(UUID requestId, UUID updateId) {
        }
        Optional<Earlier> earlier = jdbc.sql("""
                        select request_id, update_id from requests.case_event
                        where actor_id = ? and client_update_id = ?""")
                .params(actor.id(), comment.clientUpdateId())
                .query((rs, n) -> new Earlier(rs.getObject("request_id", UUID.class), rs.getObject("update_id", UUID.class)))
                .optional();
        if (earlier.isPresent()) {
            if (!earlier.get().requestId().equals(request.id())) {
                throw new UpdateIdTaken();
            }
            return Optional.of(new Recorded(earlier.get().updateId(), true));
        }

        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        RequestStatus from = request.status();
        boolean reopens = comment.reopen() && from.canBecome(RequestStatus.REOPENED);
        RequestStatus to = reopens ? RequestStatus.REOPENED : from;
        UUID subject = null;
        byte[] sealed = null;
        if (comment.contact() != null && !comment.contact().empty()) {
            subject = vault.newSubject();
            sealed = vault.seal(subject, CONTACT_FIELD, comment.contact().json());
        }
        UUID updateId = UUID.randomUUID();
        jdbc.sql("update requests.service_request set status = ?, updated_at = ? where id = ?")
                .params(to.code(), Timestamp.from(now), request.id()).update();
        jdbc.sql("""
                        insert into requests.case_event (request_id, kind, update_id, from_status, to_status, actor_kind, actor_id,
                            public_note, client_update_id, reported_status, reported_at, media_url, contact_subject,
                            contact_sealed, at)
                        values (?, 'comment', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(request.id(), updateId, from.code(), to.code(), actor.kind(), actor.id(), comment.description(),
                        comment.clientUpdateId(), comment.reportedStatus(),
                        comment.reportedAt() == null ? null : Timestamp.from(comment.reportedAt()), comment.mediaUrl(),
                        subject, sealed, Timestamp.from(now))
                .update();
        if (reopens) {
            events.publishEvent(new CaseStatusChanged(request.id(), request.reference(), from.code(), to.code()));
        }
        events.publishEvent(new CaseCommentReceived(request.id(), request.reference(), updateId, reopens));
        return Optional.of(new Recorded(updateId, false));
    }
}

package org.civitas.requests.web;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.civitas.requests.ReportJourneyCleared;
import org.civitas.trust.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes what a report journey stored and never handed to a request, once the journey has been idle
 * for {@code civitas.retention.abandoned-journey-age} (default 24 h; the session it lived in expires
 * after 30 min idle, so by then nobody can carry on with it): its unattached photo, and the vault
 * subject of its contact details (crypto-shredded), unless any record still names that subject.
 * Photos without a journey row (uploaded before rows were kept) go by their own age. Each batch is one
 * transaction claiming its rows with {@code FOR UPDATE SKIP LOCKED}, so several nodes may run the job
 * at once; one {@link ReportJourneyCleared} per journey; the log gets counts only.
 */
@Component
class AbandonedJourneys {

    private static final Logger log = LoggerFactory.getLogger(AbandonedJourneys.class);
    static final int BATCH = 100;

    /**
     * Every column that holds a vault subject, in any module: a subject one of them names is not the
     * journey's alone any more, so it is left alone (read only, as a safety net: a request takes its
     * journey's subject over in the transaction that removes the journey's row, so none should be found).
     */
    private static final String REFERENCED = """
            select exists (select 1 from requests.service_request where requester_subject = :s)
                or exists (select 1 from requests.case_event where contact_subject = :s)
                or exists (select 1 from requests.satisfaction where comment_subject = :s)
                or exists (select 1 from requests.page_feedback where message_subject = :s)
                or exists (select 1 from identity.account where subject_id = :s)
                or exists (select 1 from trust.access_log where subject_id = :s)""";

    private final JdbcClient jdbc;
    private final PersonalData vault;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration age;

    AbandonedJourneys(JdbcClient jdbc, PersonalData vault, ApplicationEventPublisher events, TransactionTemplate transactions,
                      Clock clock, @Value("${civitas.retention.abandoned-journey-age:PT24H}") Duration age) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.age = age;
    }

    @Scheduled(initialDelayString = "${civitas.retention.initial-delay:PT2M}", fixedDelayString = "${civitas.retention.interval:PT1H}")
    void scheduled() {
        Cleared cleared = run(age);
        if (cleared.journeys() > 0 || cleared.photos() > 0) {
            log.info("Abandoned report journeys: cleared {} journeys, removed {} photos, erased {} contact subjects",
                    cleared.journeys(), cleared.photos(), cleared.subjects());
        }
    }

    /** How much one run removed. */
    record Cleared(int journeys, int photos, int subjects) {
        Cleared plus(Cleared other) {
            return new Cleared(journeys + other.journeys, photos + other.photos, subjects + other.subjects);
        }
    }

    /** Clears every journey idle for longer than {@code idle}, a batch at a time. */
    Cleared run(Duration idle) {
        Instant before = clock.instant().minus(idle);
        Cleared total = new Cleared(0, 0, 0);
        Cleared batch;
        do {
            batch = transactions.execute(status -> journeys(before));
            total = total.plus(batch);
        } while (batch.journeys() == BATCH);
        do {
            batch = transactions.execute(status -> untrackedPhotos(before));
            total = total.plus(batch);
        } while (batch.photos() == BATCH);
        return total;
    }

    private Cleared journeys(Instant before) {
        record Idle(UUID id, UUID contactSubject) {
        }
        List<Idle> idle = jdbc.sql("""
                        select id, contact_subject from requests.report_journey
                        where last_active_at < ?
                        order by last_active_at
                        limit ?
                        for update skip locked""")
                .params(Timestamp.from(before), BATCH).query(Idle.class).list();
        int photos = 0;
        int subjects = 0;
        for (Idle each : idle) {
            int removed = jdbc.sql("delete from requests.photo where journey_id = ? and request_id is null").param(each.id()).update();
            boolean erase = each.contactSubject() != null
                    && !jdbc.sql(REFERENCED).param("s", each.contactSubject()).query(Boolean.class).single();
            if (erase) {
                vault.erase(each.contactSubject());
            }
            jdbc.sql("delete from requests.report_journey where id = ?").param(each.id()).update();
            if (removed > 0 || erase) { // a row whose journey stored nothing after all (a refused upload) is bookkeeping only
                events.publishEvent(new ReportJourneyCleared(each.id(), removed, erase));
            }
            photos += removed;
            subjects += erase ? 1 : 0;
        }
        return new Cleared(idle.size(), photos, subjects);
    }

    private Cleared untrackedPhotos(Instant before) {
        record Orphan(UUID id, UUID journeyId) {
        }
        List<Orphan> orphans = jdbc.sql("""
                        select p.id, p.journey_id from requests.photo p
                        where p.request_id is null and p.uploaded_at < ?
                          and not exists (select 1 from requests.report_journey j where j.id = p.journey_id)
                        order by p.uploaded_at
                        limit ?
                        for update of p skip locked""")
                .params(Timestamp.from(before), BATCH).query(Orphan.class).list();
        Map<UUID, Integer> perJourney = new LinkedHashMap<>();
        for (Orphan each : orphans) {
            perJourney.merge(each.journeyId(),
                    jdbc.sql("delete from requests.photo where id = ? and request_id is null").param(each.id()).update(), Integer::sum);
        }
        perJourney.forEach((journey, removed) -> events.publishEvent(new ReportJourneyCleared(journey, removed, false)));
        return new Cleared(perJourney.size(), orphans.size(), 0);
    }
}

package org.civitas.requests.web;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.civitas.trust.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The row of {@code requests.report_journey} that lets {@link AbandonedJourneys} find what an
 * abandoned journey left behind. Written before the journey stores anything of its own (so a crash
 * in between leaves a row to clean up, never an untracked photo or subject), removed in the
 * transaction that stores the request ({@link org.civitas.requests.citizen.ReportSubmission}).
 */
@Component
class JourneyRecords {

    private final JdbcClient jdbc;
    private final PersonalData vault;
    private final Clock clock;

    JourneyRecords(JdbcClient jdbc, PersonalData vault, Clock clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.clock = clock;
    }

    /** The journey is about to store a photo. */
    @Transactional
    public void storing(UUID journeyId) {
        jdbc.sql("""
                        insert into requests.report_journey (id, last_active_at) values (?, ?)
                        on conflict (id) do update set last_active_at = excluded.last_active_at""")
                .params(journeyId, Timestamp.from(clock.instant())).update();
    }

    /**
     * A vault subject for the journey's contact details, recorded in the same transaction as its
     * data key: no subject of a journey exists without the row that proves whose it is.
     */
    @Transactional
    public UUID newContactSubject(UUID journeyId) {
        UUID subject = vault.newSubject();
        jdbc.sql("""
                        insert into requests.report_journey (id, contact_subject, last_active_at) values (?, ?, ?)
                        on conflict (id) do update set contact_subject = excluded.contact_subject, last_active_at = excluded.last_active_at""")
                .params(journeyId, subject, Timestamp.from(clock.instant())).update();
        return subject;
    }

    /** A step of the journey was taken; nothing happens for a journey that has stored nothing yet. */
    @Transactional
    public void touch(UUID journeyId) {
        jdbc.sql("update requests.report_journey set last_active_at = ? where id = ?")
                .params(Timestamp.from(clock.instant()), journeyId).update();
    }
}

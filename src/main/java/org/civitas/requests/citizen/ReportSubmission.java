package org.civitas.requests.citizen;

import java.util.UUID;

import org.civitas.platform.InvalidInput;
import org.civitas.requests.cases.ServiceRequest;
import org.civitas.requests.photos.Photos;
import org.civitas.requests.submission.RequestDraft;
import org.civitas.requests.submission.RequestSubmission;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores a report made on the web with its photo and satisfaction secret, and closes its journey's
 * record: all of it in one transaction, or nothing. The journey's sealed contact details become the
 * request's as they are (same subject, same sealed bytes), so nothing is opened, sealed again or
 * erased; the journey's row in {@code requests.report_journey} goes in the same transaction, so the
 * clean-up of abandoned journeys never sees a journey whose subject a request has taken over.
 */
@Component
public class ReportSubmission {

    private final RequestSubmission submission;
    private final Photos photos;
    private final ResidentRequests residents;
    private final JdbcClient jdbc;

    ReportSubmission(RequestSubmission submission, Photos photos, ResidentRequests residents, JdbcClient jdbc) {
        this.submission = submission;
        this.photos = photos;
        this.residents = residents;
        this.jdbc = jdbc;
    }

    /** What the resident is told: the reference and the secret of their satisfaction link. */
    public record Submitted(ServiceRequest request, String satisfactionKey) {
    }

    /**
     * @throws InvalidInput when the draft breaks a rule of {@link RequestSubmission}; nothing is written
     */
    @Transactional
    public Submitted submit(UUID journeyId, RequestDraft draft) {
        ServiceRequest stored = submission.submit(draft);
        photos.attach(journeyId, stored.id());
        String key = residents.newSatisfactionKey(stored.id());
        jdbc.sql("delete from requests.report_journey where id = ?").param(journeyId).update();
        return new Submitted(stored, key);
    }
}

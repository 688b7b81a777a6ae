package org.civitas.requests.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.civitas.CivitasTest;
import org.civitas.support.TestPhotos;
import org.civitas.support.WebSession;
import org.civitas.trust.PersonalData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a report journey stores before "check your answers" (its photo, the vault subject of its
 * contact details) is gone once the journey has been idle past its age, and nothing a request or an
 * account still uses is ever touched. The age is driven by moving one journey's activity back, so
 * other tests' journeys are never old enough to be cleared.
 */
@CivitasTest
class AbandonedJourneysTest {

    private static final Pattern PHOTO = Pattern.compile("/photos/([0-9a-f-]{36})");
    private static final Pattern REFERENCE = Pattern.compile("data-reference>([A-Z]+-[A-Z0-9]{4}-[A-Z0-9]{4})<");
    private static final Duration AGE = Duration.ofHours(24);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PersonalData vault;

    @Autowired
    AbandonedJourneys job;

    @Test
    void aJourneyAbandonedAfterAPhotoAndContactDetailsLeavesNothingOnceIdlePastItsAge() throws Exception {
        WebSession resident = new WebSession(port);
        UUID photoId = walkToCheck(resident, "Ann Abandoned", "ann.abandoned@example.org");
        UUID journeyId = jdbc.sql("select journey_id from requests.photo where id = ?").param(photoId).query(UUID.class).single();
        UUID subject = jdbc.sql("select contact_subject from requests.report_journey where id = ?").param(journeyId)
                .query(UUID.class).single();
        assertThat(subject).as("the journey's contact subject is tracked").isNotNull();
        assertThat(vault.readable(subject)).isTrue();

        job.run(AGE);
        assertThat(photoExists(photoId)).as("a journey idle for less than its age is kept").isTrue();
        assertThat(vault.readable(subject)).isTrue();

        idleSince(journeyId, Instant.now().minus(AGE).minus(Duration.ofMinutes(5)));
        job.run(AGE);

        assertThat(photoExists(photoId)).as("the unattached photo is removed").isFalse();
        assertThat(vault.readable(subject)).as("the contact details' data key is destroyed").isFalse();
        assertThat(jdbc.sql("select erased_at is not null from trust.data_key where subject_id = ?").param(subject)
                .query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("select count(*) from requests.report_journey where id = ?").param(journeyId).query(Long.class).single())
                .isZero();
        assertThat(auditEntriesNaming(journeyId)).as("the clearing is published (and audited)").isPositive();
        assertThat(auditEntriesNaming("ann.abandoned")).as("no personal data in events").isZero();

        // a session kept alive elsewhere is asked again rather than submitting without what was removed
        assertThat(WebSession.location(resident.get("/report/pothole/check"))).isEqualTo("/report/pothole/photo");
        assertThat(WebSession.location(resident.postForm("/report/pothole/photo", Map.of()))).isEqualTo("/report/pothole/contact");
        assertThat(WebSession.location(resident.postForm("/report/pothole/check", Map.of()))).isEqualTo("/report/pothole/contact");
    }

    @Test
    void aCompletedJourneyKeepsItsPhotoAndContactDetails() throws Exception {
        WebSession resident = new WebSession(port);
        UUID photoId = walkToCheck(resident, "Colin Complete", "colin.complete@example.org");
        UUID journeyId = jdbc.sql("select journey_id from requests.photo where id = ?").param(photoId).query(UUID.class).single();
        assertThat(WebSession.location(resident.postForm("/report/pothole/check", Map.of()))).isEqualTo("/report/pothole/confirmation");
        Matcher reference = REFERENCE.matcher(resident.get("/report/pothole/confirmation").body());
        assertThat(reference.find()).isTrue();
        assertThat(jdbc.sql("select count(*) from requests.report_journey where id = ?").param(journeyId).query(Long.class).single())
                .as("a submitted journey leaves nothing to clear").isZero();

        job.run(Duration.ZERO); // everything idle is due: the request's data must still stay
        Map<String, Object> request = jdbc.sql("select id, requester_subject, contact_sealed from requests.service_request where reference = ?")
                .param(reference.group(1)).query().singleRow();
        assertThat(jdbc.sql("select request_id from requests.photo where id = ?").param(photoId).query(UUID.class).single())
                .isEqualTo(request.get("id"));
        UUID requester = (UUID) request.get("requester_subject");
        assertThat(vault.open(requester, org.civitas.requests.cases.ServiceRequestRegister.CONTACT_FIELD, (byte[]) request.get("contact_sealed"))).get().asString().contains("colin.complete@example.org");
    }

    @Test
    void nothingARequestOrAnAccountStillUsesIsEverRemoved() throws Exception {
        Instant longAgo = Instant.now().minus(Duration.ofDays(3));
        // a submitted request's subject and an account's subject, named by idle journey rows: the job
        // must prove a subject is the journey's alone before erasing it
        WebSession resident = new WebSession(port);
        walkToCheck(resident, "Rita Request", "rita.request@example.org");
        resident.postForm("/report/pothole/check", Map.of());
        Matcher reference = REFERENCE.matcher(resident.get("/report/pothole/confirmation").body());
        assertThat(reference.find()).isTrue();
        Map<String, Object> request = jdbc.sql("select id, requester_subject from requests.service_request where reference = ?")
                .param(reference.group(1)).query().singleRow();
        UUID requestId = (UUID) request.get("id");
        UUID requester = (UUID) request.get("requester_subject");
        UUID account = jdbc.sql("select subject_id from identity.account where subject_id is not null limit 1").query(UUID.class).single();
        assertThat(vault.readable(requester)).isTrue();
        assertThat(vault.readable(account)).isTrue();
        UUID journeyOfRequest = UUID.randomUUID();
        UUID attached = photo(journeyOfRequest, requestId, longAgo);
        UUID untracked = photo(UUID.randomUUID(), null, longAgo);
        UUID recent = photo(UUID.randomUUID(), null, Instant.now());
        journeyRow(journeyOfRequest, requester, longAgo);
        UUID accountJourney = UUID.randomUUID();
        journeyRow(accountJourney, account, longAgo);

        job.run(AGE);

        assertThat(vault.readable(requester)).as("a request's subject is never erased").isTrue();
        assertThat(vault.readable(account)).as("an account's subject is never erased").isTrue();
        assertThat(photoExists(attached)).as("a submitted request's photo is never removed").isTrue();
        assertThat(photoExists(untracked)).as("an unattached photo without a journey row goes by its own age").isFalse();
        assertThat(photoExists(recent)).as("a recent unattached photo stays").isTrue();
        assertThat(jdbc.sql("select count(*) from requests.report_journey where id in (?, ?)").params(journeyOfRequest, accountJourney)
                .query(Long.class).single()).isZero();
    }

    // ---- helpers ----

    private UUID walkToCheck(WebSession session, String name, String email) throws Exception {
        session.get("/report/pothole/location");
        session.postForm("/report/pothole/location", Map.of("address", "Outside 40 Mill Lane"));
        session.postForm("/report/pothole/question/size", Map.of("answer", "large"));
        session.postForm("/report/pothole/question/depth", Map.of("answer", "7"));
        session.postForm("/report/pothole/question/surface", Map.of("answer", "road"));
        session.postForm("/report/pothole/description", Map.of("description", "A hole"));
        session.get("/report/pothole/photo");
        assertThat(WebSession.location(upload(session, TestPhotos.jpegWithGps()))).isEqualTo("/report/pothole/contact");
        session.get("/report/pothole/contact");
        assertThat(WebSession.location(session.postForm("/report/pothole/contact", Map.of("name", name, "email", email, "phone", ""))))
                .isEqualTo("/report/pothole/check");
        String check = session.get("/report/pothole/check").body();
        assertThat(check).contains("Photo added").contains(email);
        Matcher photo = PHOTO.matcher(session.get("/report/pothole/photo").body());
        assertThat(photo.find()).as("the photo page shows the journey's photo").isTrue();
        return UUID.fromString(photo.group(1));
    }

    private void idleSince(UUID journeyId, Instant at) {
        assertThat(jdbc.sql("update requests.report_journey set last_active_at = ? where id = ?").params(Timestamp.from(at), journeyId)
                .update()).isEqualTo(1);
    }

    private boolean photoExists(UUID id) {
        return jdbc.sql("select count(*) from requests.photo where id = ?").param(id).query(Long.class).single() == 1;
    }

    private UUID photo(UUID journeyId, UUID requestId, Instant uploadedAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into requests.photo (id, journey_id, request_id, content_type, width, height, bytes, uploaded_at)
                        values (?, ?, ?, 'image/png', 1, 1, ?, ?)""")
                .params(id, journeyId, requestId, new byte[] {1}, Timestamp.from(uploadedAt)).update();
        return id;
    }

    private void journeyRow(UUID id, UUID subject, Instant lastActive) {
        jdbc.sql("insert into requests.report_journey (id, contact_subject, last_active_at) values (?, ?, ?)")
                .params(id, subject, Timestamp.from(lastActive)).update();
    }

    private long auditEntriesNaming(Object text) {
        return jdbc.sql("""
                        select count(*) from (select convert_from(entry, 'UTF8') as e from trust.audit_queue
                                              union all select convert_from(entry, 'UTF8') from trust.audit_log) entries
                        where e like ?""")
                .param("%" + text + "%").query(Long.class).single();
    }

    private static HttpResponse<String> upload(WebSession session, byte[] content) {
        String boundary = "----civitas" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + session.csrfToken() + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"hole.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return session.send(session.request("/report/pothole/photo").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }
}

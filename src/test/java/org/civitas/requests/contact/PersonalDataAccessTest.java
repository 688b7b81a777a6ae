package org.civitas.requests.contact;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.civitas.CivitasTest;
import org.civitas.catalogue.Services;
import org.civitas.identity.ApiScopes;
import org.civitas.identity.apikey.ApiKeys;
import org.civitas.requests.RequesterDataErased;
import org.civitas.requests.cases.Channel;
import org.civitas.requests.cases.Contact;
import org.civitas.requests.cases.NewServiceRequest;
import org.civitas.requests.cases.ServiceRequestRegister;
import org.civitas.support.WebSession;
import org.civitas.trust.PersonalData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Purpose-bound access end to end over HTTP: staff reveal a requester's contact with a purpose and
 * the requester sees it on "Who has seen my data"; everyone else is refused and the refusal is
 * recorded; a resident downloads and erases their data; the retention job erases old contacts.
 */
@CivitasTest
@RecordApplicationEvents
class PersonalDataAccessTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ServiceRequestRegister register;

    @Autowired
    Services services;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    PersonalData vault;

    @Autowired
    RetentionJob retention;

    @Autowired
    ApplicationEvents events;

    // ---- helpers ----

    record Resident(WebSession session, UUID accountId, String email) {
    }

    Resident resident(String name) {
        String email = "resident-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        return resident(name, email);
    }

    Resident resident(String name, String email) {
        WebSession session = new WebSession(port);
        session.get("/register");
        HttpResponse<String> created = session.postForm("/register", Map.of("name", name, "email", email,
                "password", "a-long-enough-password"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        UUID id = UUID.fromString(json(session.get("/api/v1/me")).get("id").asText());
        session.get("/account");
        return new Resident(session, id, email);
    }

    String request(String serviceCode, UUID account, Contact contact) {
        var service = services.liveByCode(serviceCode).orElseThrow();
        var version = services.currentVersion(serviceCode).orElseThrow();
        Map<String, List<String>> answers = serviceCode.equals("pothole")
                ? Map.of("size", List.of("large"), "surface", List.of("road")) : Map.of("problem", List.of("fallen"));
        return register.submit(new NewServiceRequest(service, version, "Something to fix by the bus stop.", new BigDecimal("51.4613"),
                new BigDecimal("-0.3037"), null, null, null, answers, Channel.WEB, contact, account)).reference();
    }

    WebSession staff(String email) {
        WebSession session = new WebSession(port);
        session.signIn(email, CivitasTest.DEMO_PASSWORD);
        session.get("/account");
        return session;
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }

    UUID subjectOf(String reference) {
        return jdbc.sql("select requester_subject from requests.service_request where reference = ?").param(reference)
                .query(UUID.class).single();
    }

    List<Map<String, Object>> log(UUID subject) {
        return jdbc.sql("select action, outcome, viewer_kind, viewer_role, viewer_team, purpose, fields::text as fields "
                + "from trust.access_log where subject_id = ? order by id").param(subject).query().listOfRows();
    }

    HttpResponse<String> reveal(WebSession session, String reference, String purpose, String detail) {
        session.get("/staff/cases/" + reference + "/contact");
        Map<String, String> form = new java.util.LinkedHashMap<>();
        if (purpose != null) {
            form.put("purpose", purpose);
        }
        if (detail != null) {
            form.put("detail", detail);
        }
        return session.postForm("/staff/cases/" + reference + "/contact", form);
    }

    HttpResponse<String> apiContact(String key, String reference, String body) {
        return new WebSession(port).postRaw("/api/v1/cases/" + reference + "/contact", "application/json", body,
                "Authorization", "ApiKey " + key);
    }

    // ---- tests ----

    @Test
    void aRevealWithAPurposeShowsInTheRequestersTracker() {
        Resident resident = resident("Robin Requester");
        String reference = request("pothole", resident.accountId(), new Contact("Robin", "Requester", "robin.r@example.org", "07700 900111"));
        WebSession caseworker = staff("caseworker@riverside.example");

        HttpResponse<String> form = caseworker.get("/staff/cases/" + reference + "/contact");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("To update them about this request").doesNotContain("robin.r@example.org");

        HttpResponse<String> noPurpose = reveal(caseworker, reference, null, null);
        assertThat(noPurpose.statusCode()).isEqualTo(400);
        assertThat(noPurpose.body()).contains("Select why you need the contact details").doesNotContain("robin.r@example.org");
        HttpResponse<String> otherWithoutWords = reveal(caseworker, reference, "other", " ");
        assertThat(otherWithoutWords.statusCode()).isEqualTo(400);
        assertThat(otherWithoutWords.body()).contains("Enter why you need the contact details");
        assertThat(log(subjectOf(reference))).as("nothing shown, nothing recorded").isEmpty();

        HttpResponse<String> shown = reveal(caseworker, reference, "update", null);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("robin.r@example.org").contains("07700 900111").contains("Robin");
        HttpResponse<String> other = reveal(caseworker, reference, "other", "To return a lost glove");
        assertThat(other.body()).contains("robin.r@example.org");

        List<Map<String, Object>> entries = log(subjectOf(reference));
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).containsEntry("action", "reveal").containsEntry("outcome", "granted")
                .containsEntry("viewer_kind", "staff").containsEntry("viewer_role", "caseworker")
                .containsEntry("viewer_team", "Highways and street lighting").containsEntry("purpose", "update");
        assertThat((String) entries.get(0).get("fields")).contains("email").contains("phone");

        JsonNode tracker = json(resident.session().get("/api/v1/me/data-access"));
        assertThat(tracker).hasSize(2);
        JsonNode newest = tracker.get(0);
        assertThat(newest.get("purpose").asText()).isEqualTo("Other");
        assertThat(newest.get("purposeDetail").asText()).isEqualTo("To return a lost glove");
        JsonNode first = tracker.get(1);
        assertThat(first.get("action").asText()).isEqualTo("reveal");
        assertThat(first.get("outcome").asText()).isEqualTo("granted");
        assertThat(first.get("purpose").asText()).isEqualTo("To update them about this request");
        assertThat(first.get("resource").asText()).isEqualTo(reference);
        assertThat(first.get("viewer").get("organisation").asText()).isEqualTo("Riverside Borough Council");
        assertThat(first.get("viewer").get("team").asText()).isEqualTo("Highways and street lighting");
        assertThat(first.get("viewer").get("role").asText()).isEqualTo("Caseworker");
        assertThat(first.get("viewer").get("name").isNull()).as("staff names are off by default").isTrue();

        String page = resident.session().get("/account/data-access").body();
        assertThat(page).contains("To update them about this request").contains("Highways and street lighting")
                .contains("To return a lost glove").doesNotContain("Casey Caseworker");
        assertThat(resident.session().get("/account").body()).contains("href=\"/account/data-access\"");
    }

    @Test
    void aCaseworkerOfAnotherTeamGetsNotFoundAndTheAttemptIsRecorded() {
        Resident resident = resident("Tara Tree");
        String reference = request("tree", resident.accountId(), new Contact("Tara", "Tree", "tara.t@example.org", null));
        WebSession caseworker = staff("caseworker@riverside.example");

        HttpResponse<String> refused = reveal(caseworker, reference, "update", "just curious");
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.body()).doesNotContain("tara.t@example.org");
        HttpResponse<String> api = caseworker.postRaw("/api/v1/cases/" + reference + "/contact", "application/json",
                "{\"purpose\":\"update\"}", "X-CSRF-TOKEN", caseworker.csrfToken());
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.body()).doesNotContain("tara.t@example.org");

        List<Map<String, Object>> entries = log(subjectOf(reference));
        assertThat(entries).isNotEmpty().allSatisfy(entry -> assertThat(entry).containsEntry("outcome", "denied")
                .containsEntry("viewer_kind", "staff"));
        assertThat(jdbc.sql("select count(*) from trust.access_log where purpose_detail is not null and subject_id = ?")
                .param(subjectOf(reference)).query(Integer.class).single()).as("a refusal keeps no purpose words").isZero();

        JsonNode tracker = json(resident.session().get("/api/v1/me/data-access"));
        assertThat(tracker.get(0).get("outcome").asText()).isEqualTo("refused");
        assertThat(resident.session().get("/account/data-access").body()).contains("Refused");
    }

    @Test
    void aCitizenIsRefusedAndTheAttemptIsRecorded() {
        Resident owner = resident("Olive Owner");
        String reference = request("pothole", owner.accountId(), new Contact("Olive", "Owner", "olive.o@example.org", null));
        Resident snoop = resident("Sid Snoop");

        HttpResponse<String> page = reveal(snoop.session(), reference, "update", null);
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).doesNotContain("olive.o@example.org");
        HttpResponse<String> api = snoop.session().postRaw("/api/v1/cases/" + reference + "/contact", "application/json",
                "{\"purpose\":\"update\"}", "X-CSRF-TOKEN", snoop.session().csrfToken());
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(api.body()).doesNotContain("olive.o@example.org");

        assertThat(log(subjectOf(reference))).isNotEmpty().allSatisfy(entry -> assertThat(entry)
                .containsEntry("outcome", "denied").containsEntry("viewer_kind", "citizen"));
    }

    @Test
    void anApiKeyNeedsTheContactScopeAndEveryReadIsRecorded() {
        Resident resident = resident("Avery Api");
        String reference = request("pothole", resident.accountId(), new Contact("Avery", "Api", "avery.a@example.org", "07700 900222"));
        String readOnly = apiKeys.create("Read only", "Partner Housing Trust", Set.of(ApiScopes.REQUESTS_READ), null).secret();

        HttpResponse<String> refused = apiContact(readOnly, reference, "{\"purpose\":\"update\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(refused.body()).doesNotContain("avery.a@example.org");
        assertThat(log(subjectOf(reference))).singleElement().satisfies(entry -> assertThat(entry)
                .containsEntry("outcome", "denied").containsEntry("viewer_kind", "api").containsEntry("action", "api-read"));

        String contactKey = apiKeys.create("Contact", "Partner Housing Trust", Set.of(ApiScopes.REQUESTS_CONTACT), null).secret();
        HttpResponse<String> invalid = apiContact(contactKey, reference, "{\"purpose\":\"nosy\"}");
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).contains("purpose");
        HttpResponse<String> read = apiContact(contactKey, reference, "{\"purpose\":\"arrange-access\"}");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(json(read).get("email").asText()).isEqualTo("avery.a@example.org");
        assertThat(json(read).get("state").asText()).isEqualTo("shown");
        assertThat(log(subjectOf(reference))).hasSize(2).last().satisfies(entry -> assertThat(entry)
                .containsEntry("outcome", "granted").containsEntry("viewer_kind", "api").containsEntry("purpose", "arrange-access"));

        JsonNode tracker = json(resident.session().get("/api/v1/me/data-access"));
        assertThat(tracker.get(0).get("viewer").get("organisation").asText()).isEqualTo("Partner Housing Trust");
        assertThat(tracker.get(0).get("viewer").get("kind").asText()).isEqualTo("api");
    }

    /**
     * Issue 12: an Idempotency-Key runs the request in a transaction that a refusal rolls back; the
     * refused reveal must still be in the access log.
     */
    @Test
    void aRefusalSentWithAnIdempotencyKeyIsStillRecorded() {
        Resident resident = resident("Ida Idem");
        String reference = request("pothole", resident.accountId(), new Contact("Ida", "Idem", "ida.i@example.org", null));
        String readOnly = apiKeys.create("Read only", "Partner Housing Trust", Set.of(ApiScopes.REQUESTS_READ), null).secret();

        HttpResponse<String> refused = new WebSession(port).postRaw("/api/v1/cases/" + reference + "/contact", "application/json",
                "{\"purpose\":\"update\"}", "Authorization", "ApiKey " + readOnly, "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain("ida.i@example.org");
        assertThat(log(subjectOf(reference))).singleElement().satisfies(entry -> assertThat(entry)
                .containsEntry("outcome", "denied").containsEntry("viewer_kind", "api").containsEntry("action", "api-read"));
    }

    /**
     * Issue 12: a replayed answer is given only under the rights it was first given under. A key that
     * lost its contact scope, or was revoked (here in the database, as another node would, so this
     * node's verified-key cache still holds it), gets no copy of the contact details.
     */
    @Test
    void aReplayIsRefusedOnceTheKeyLostItsScopeOrWasRevoked() {
        Resident resident = resident("Rita Replay");
        String reference = request("pothole", resident.accountId(), new Contact("Rita", "Replay", "rita.r@example.org", null));
        var scoped = apiKeys.create("Contact", "Partner Housing Trust", Set.of(ApiScopes.REQUESTS_CONTACT, ApiScopes.REQUESTS_READ), null);
        var revoked = apiKeys.create("Contact", "Partner Housing Trust", Set.of(ApiScopes.REQUESTS_CONTACT), null);
        String body = "{\"purpose\":\"arrange-access\"}";
        String idempotencyKey = UUID.randomUUID().toString();
        java.util.function.Function<String, HttpResponse<String>> call = key -> new WebSession(port).postRaw(
                "/api/v1/cases/" + reference + "/contact", "application/json", body, "Authorization", "ApiKey " + key,
                "Idempotency-Key", idempotencyKey);

        for (String key : List.of(scoped.secret(), revoked.secret())) {
            HttpResponse<String> first = call.apply(key);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            HttpResponse<String> replay = call.apply(key);
            assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            assertThat(replay.body()).isEqualTo(first.body());
        }

        jdbc.sql("update identity.api_key set scopes = array['requests.read'] where id = ?").param(scoped.key().id()).update();
        HttpResponse<String> lostScope = call.apply(scoped.secret());
        assertThat(lostScope.statusCode()).as(lostScope.body()).isEqualTo(403);
        assertThat(lostScope.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(lostScope.body()).doesNotContain("rita.r@example.org").contains("Idempotency-Key");

        jdbc.sql("update identity.api_key set revoked_at = now() where id = ?").param(revoked.key().id()).update();
        HttpResponse<String> afterRevocation = call.apply(revoked.secret());
        assertThat(afterRevocation.statusCode()).as(afterRevocation.body()).isIn(401, 403);
        assertThat(afterRevocation.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(afterRevocation.body()).doesNotContain("rita.r@example.org");
    }

    @Test
    void aResidentDownloadsEverythingHeldAboutThem() {
        Resident resident = resident("Dana Download");
        String reference = request("pothole", resident.accountId(), new Contact("Dana", "Download", "dana.d@example.org", "07700 900333"));
        reveal(staff("caseworker@riverside.example"), reference, "more-details", null);

        HttpResponse<String> export = resident.session().get("/account/export");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        JsonNode data = json(export);
        assertThat(data.get("account").get("email").asText()).isEqualTo(resident.email());
        assertThat(data.get("account").get("name").asText()).isEqualTo("Dana Download");
        assertThat(data.get("requests").get(0).get("reference").asText()).isEqualTo(reference);
        assertThat(data.get("requests").get(0).get("status").asText()).isEqualTo("submitted");
        assertThat(data.get("requests").get(0).get("contact").get("email").asText()).isEqualTo("dana.d@example.org");
        assertThat(data.get("accessLog").toString()).contains("more-details").contains("Highways and street lighting");
        assertThat(log(subjectOf(reference))).extracting(entry -> entry.get("action")).contains("export");
    }

    @Test
    void erasureMakesTheContactUnreadableAndTheAccountUnusable() {
        Resident resident = resident("Erin Erase");
        String reference = request("pothole", resident.accountId(), new Contact("Erin", "Erase", "erin.e@example.org", null));
        UUID subject = subjectOf(reference);

        String confirm = resident.session().get("/account/delete").body();
        assertThat(confirm).contains("You cannot undo this");
        HttpResponse<String> deleted = resident.session().postForm("/account/delete", Map.of());
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).contains("Your data has been deleted");

        assertThat(vault.readable(subject)).isFalse();
        UUID accountSubject = jdbc.sql("select subject_id from identity.account where id = ?").param(resident.accountId())
                .query(UUID.class).single();
        assertThat(vault.readable(accountSubject)).isFalse();
        assertThat(jdbc.sql("select description from requests.service_request where reference = ?").param(reference)
                .query(String.class).single()).as("the request keeps what is not personal").isEqualTo("Something to fix by the bus stop.");

        HttpResponse<String> erased = reveal(staff("caseworker@riverside.example"), reference, "update", null);
        assertThat(erased.statusCode()).isEqualTo(200);
        assertThat(erased.body()).contains("details have been erased").doesNotContain("erin.e@example.org");

        assertThat(WebSession.location(resident.session().get("/account"))).as("signed out").endsWith("/sign-in");
        HttpResponse<String> signIn = new WebSession(port).signIn(resident.email(), "a-long-enough-password");
        assertThat(WebSession.location(signIn)).contains("error");
        WebSession again = new WebSession(port);
        again.get("/register");
        assertThat(again.postForm("/register", Map.of("name", "Erin Again", "email", resident.email(),
                "password", "a-long-enough-password")).statusCode()).as("the address is free again").isEqualTo(302);
    }

    @Test
    void theRetentionJobErasesOldFinishedRequestsAndRecordsIt() {
        Resident resident = resident("Ray Retain");
        String old = request("pothole", resident.accountId(), new Contact("Ray", "Retain", "ray.r@example.org", null));
        String recent = request("pothole", resident.accountId(), new Contact("Ray", "Retain", "ray.r@example.org", null));
        String open = request("pothole", resident.accountId(), new Contact("Ray", "Retain", "ray.r@example.org", null));
        WebSession caseworker = staff("caseworker@riverside.example");
        for (String reference : List.of(old, recent)) {
            for (String status : List.of("acknowledged", "in_progress", "closed")) {
                HttpResponse<String> moved = caseworker.postRaw("/api/v1/cases/" + reference + "/transition", "application/json",
                        "{\"status\":\"" + status + "\"}", "X-CSRF-TOKEN", caseworker.csrfToken());
                assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
            }
        }
        // a year and more has passed since the old one was closed (the demo services keep data 365 days)
        jdbc.sql("update requests.service_request set finished_at = finished_at - interval '400 days' where reference = ?")
                .param(old).update();
        jdbc.sql("update requests.service_request set requested_at = requested_at - interval '401 days' where reference = ?")
                .param(open).update();

        assertThat(retention.run()).isGreaterThanOrEqualTo(1);

        assertThat(vault.readable(subjectOf(old))).isFalse();
        assertThat(vault.readable(subjectOf(recent))).isTrue();
        assertThat(vault.readable(subjectOf(open))).isTrue();
        assertThat(log(subjectOf(old))).singleElement().satisfies(entry -> assertThat(entry)
                .containsEntry("action", "retention").containsEntry("viewer_kind", "system").containsEntry("purpose", "retention"));
        assertThat(events.stream(RequesterDataErased.class).filter(e -> e.subject().equals(subjectOf(old)))).hasSize(1);
        assertThat(retention.run()).as("nothing is erased twice").isZero();

        assertThat(json(resident.session().get("/api/v1/me/data-access")).get(0).get("action").asText()).isEqualTo("retention");
    }

    // two nodes running the retention job at once: RetentionTwoNodesTest, with two real application contexts
}

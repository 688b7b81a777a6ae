package org.civitas.requests.cases;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.civitas.CivitasTest;
import org.civitas.identity.ApiScopes;
import org.civitas.identity.apikey.ApiKeys;
import org.civitas.requests.CaseStatusChanged;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;

/** Staff case handling over real HTTP: the lifecycle with notes and history, team scoping, assignment, duplicates, SLA. */
@CivitasTest
@RecordApplicationEvents
class CaseHandlingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Cases cases;

    @Autowired
    ApplicationEvents events;

    // ---- helpers ----

    private String submit(String service, String answerCode, String answer) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", CivitasTest.DEMO_API_KEY);
        form.put("service_code", service);
        form.put("lat", "51.4613");
        form.put("long", "-0.3037");
        form.put("description", "Something to fix by the bus stop.");
        form.put("attribute[" + answerCode + "]", answer);
        if (service.equals("pothole")) {
            form.put("attribute[surface]", "road");
        }
        HttpResponse<String> created = new WebSession(port).postRaw("/open311/v2/requests.json",
                "application/x-www-form-urlencoded", WebSession.form(form));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return json(created).get(0).get("service_request_id").asText();
    }

    private String pothole() {
        return submit("pothole", "size", "large");
    }

    private String tree() {
        return submit("tree", "problem", "fallen");
    }

    private WebSession staff(String email) {
        WebSession session = new WebSession(port);
        session.signIn(email, CivitasTest.DEMO_PASSWORD);
        session.get("/account");
        assertThat(session.csrfToken()).isNotNull();
        return session;
    }

    private static HttpResponse<String> post(WebSession session, String path, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "X-CSRF-TOKEN";
        all[1] = session.csrfToken();
        System.arraycopy(headers, 0, all, 2, headers.length);
        return session.postRaw(path, "application/json", body, all);
    }

    private static HttpResponse<String> transition(WebSession session, String reference, String status, String publicNote,
                                                   String internalNote) {
        return post(session, "/api/v1/cases/" + reference + "/transition", body(status, publicNote, internalNote));
    }

    private static String body(String status, String publicNote, String internalNote) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("publicNote", publicNote);
        body.put("internalNote", internalNote);
        try {
            return JSON.writeValueAsString(body);
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        }
        catch (Exception e) {
            throw new IllegalStateException(response.body(), e);
        }
    }

    private static void assertInvalid(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(response).get("errors").findValuesAsText("field")).contains(field);
    }

    private int rows(String table) {
        return jdbc.sql("select count(*) from requests." + table).query(Integer.class).single();
    }

    // ---- lifecycle ----

    @Test
    void aCaseGoesFromSubmittedToResolvedWithNotesAndHistoryAndOpen311ShowsItClosedWithTheLatestPublicNote() {
        String reference = pothole();
        WebSession caseworker = staff("caseworker@riverside.example");

        HttpResponse<String> acknowledged = transition(caseworker, reference, "acknowledged", "Thank you, we have your report.", null);
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
        assertThat(json(acknowledged).get("status").asText()).isEqualTo("acknowledged");
        assertThat(transition(caseworker, reference, "in_progress", "A crew is booked for Thursday.", "Needs the big patcher.")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> resolved = transition(caseworker, reference, "resolved", "Filled on Thursday.", "Used 2 bags.");
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);

        JsonNode found = json(caseworker.get("/api/v1/cases/" + reference));
        assertThat(found.get("reference").asText()).isEqualTo(reference);
        assertThat(found.get("status").asText()).isEqualTo("resolved");
        assertThat(found.get("open311Status").asText()).isEqualTo("closed");
        assertThat(found.get("statusNote").asText()).isEqualTo("Filled on Thursday.");
        assertThat(found.get("answers").get("size").get(0).asText()).isEqualTo("large");
        assertThat(found.get("long").decimalValue()).isEqualByComparingTo("-0.3037");
        JsonNode history = found.get("history");
        assertThat(history).hasSize(3);
        assertThat(history.get(0).get("from").asText()).isEqualTo("submitted");
        assertThat(history.get(0).get("to").asText()).isEqualTo("acknowledged");
        assertThat(history.get(0).get("actor").get("kind").asText()).isEqualTo("staff");
        assertThat(history.get(0).get("actor").get("id").asText()).isNotBlank();
        assertThat(history.get(0).get("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*(Z|[+-]\\d\\d:\\d\\d)");
        assertThat(history.get(1).get("publicNote").asText()).isEqualTo("A crew is booked for Thursday.");
        assertThat(history.get(1).get("internalNote").asText()).isEqualTo("Needs the big patcher.");
        assertThat(history.get(2).get("to").asText()).isEqualTo("resolved");

        HttpResponse<String> open311 = new WebSession(port).get("/open311/v2/requests/" + reference + ".json");
        assertThat(open311.statusCode()).isEqualTo(200);
        assertThat(json(open311).get(0).get("status").asText()).isEqualTo("closed");
        assertThat(json(open311).get(0).get("status_notes").asText()).isEqualTo("Filled on Thursday.");
        assertThat(open311.body()).doesNotContain("Used 2 bags", "big patcher");

        // a transition without a public note keeps the latest one; a resolved case may be reopened
        HttpResponse<String> reopened = transition(caseworker, reference, "reopened", null, "Resident says it sank again.");
        assertThat(reopened.statusCode()).as(reopened.body()).isEqualTo(200);
        assertThat(json(reopened).get("statusNote").asText()).isEqualTo("Filled on Thursday.");
        assertThat(json(new WebSession(port).get("/open311/v2/requests/" + reference + ".json")).get(0).get("status").asText())
                .isEqualTo("open");
        assertThat(transition(caseworker, reference, "closed", "Closed after a second visit.", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aTransitionTheLifecycleDoesNotAllowIsRefusedNamingStatusAndChangesNothing() {
        String reference = pothole();
        WebSession caseworker = staff("caseworker@riverside.example");
        int events = rows("case_event");

        assertInvalid(transition(caseworker, reference, "resolved", "Done.", null), "status");
        assertInvalid(transition(caseworker, reference, "reopened", null, null), "status");
        assertInvalid(transition(caseworker, reference, "finished", null, null), "status");
        assertInvalid(transition(caseworker, reference, null, null, null), "status");
        assertInvalid(transition(caseworker, reference, "duplicate", null, null), "status");
        assertInvalid(transition(caseworker, reference, "acknowledged", "x".repeat(4001), null), "publicNote");
        assertInvalid(transition(caseworker, reference, "acknowledged", null, "<script>alert(1)</script>"), "internalNote");
        assertThat(rows("case_event")).isEqualTo(events);
        assertThat(json(caseworker.get("/api/v1/cases/" + reference)).get("status").asText()).isEqualTo("submitted");

        assertThat(transition(caseworker, reference, "rejected", "This road is not ours: it belongs to the county.", null)
                .statusCode()).isEqualTo(200);
        assertInvalid(transition(caseworker, reference, "acknowledged", null, null), "status");
        assertInvalid(transition(caseworker, reference, "reopened", null, null), "status");
        assertThat(transition(caseworker, "RBC-2222-2222", "acknowledged", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void everyTransitionPublishesCaseStatusChangedWithoutNotes() {
        String reference = pothole();
        events.clear();
        cases.transition(CaseScope.all(), reference, "acknowledged", Actor.system(), "Public words", "Private words");
        assertThat(events.stream(CaseStatusChanged.class).filter(e -> e.reference().equals(reference)))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.from()).isEqualTo("submitted");
                    assertThat(e.to()).isEqualTo("acknowledged");
                    assertThat(e.toString()).doesNotContain("Public words", "Private words");
                });
        CaseDetail detail = cases.find(CaseScope.all(), reference);
        assertThat(detail.history()).singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo(Actor.system()));
    }

    // ---- who sees what ----

    @Test
    void staffSeeTheirTeamsCasesOnlyAndOthersGetNotFound() {
        String pothole = pothole();
        String tree = tree();
        WebSession caseworker = staff("caseworker@riverside.example");
        WebSession manager = staff("manager@riverside.example");
        WebSession admin = staff("admin@riverside.example");

        assertThat(caseworker.get("/api/v1/cases/" + pothole).statusCode()).isEqualTo(200);
        assertThat(caseworker.get("/api/v1/cases/" + tree).statusCode()).as("a parks case for a highways caseworker").isEqualTo(404);
        assertThat(transition(caseworker, tree, "acknowledged", null, null).statusCode()).isEqualTo(404);
        assertThat(post(caseworker, "/api/v1/cases/" + tree + "/assign", "{\"assignee\":\"me\"}").statusCode()).isEqualTo(404);
        assertThat(manager.get("/api/v1/cases/" + tree).statusCode()).isEqualTo(404);
        assertThat(manager.get("/api/v1/cases/" + pothole).statusCode()).isEqualTo(200);
        assertThat(admin.get("/api/v1/cases/" + tree).statusCode()).isEqualTo(200);

        JsonNode queue = json(caseworker.get("/api/v1/cases?size=100&older_than_days=0"));
        assertThat(queue.get("cases").findValuesAsText("service")).doesNotContain("tree").isNotEmpty();
        assertThat(queue.get("cases").findValuesAsText("reference")).doesNotContain(tree);
        JsonNode adminQueue = json(admin.get("/api/v1/cases?service=tree&size=100"));
        assertThat(adminQueue.get("cases").findValuesAsText("reference")).contains(tree);
        assertThat(adminQueue.get("counts").get("submitted").asLong()).isGreaterThanOrEqualTo(2);
        // only ASCII digits count: Integer.parseInt read the Arabic-Indic ١ (%D9%A1) as page 1
        for (String query : List.of("page=%D9%A1", "size=%D9%A1%D9%A0", "older_than_days=%D9%A1", "page=1e3", "page=99999999999",
                "size=101", "page=0")) {
            HttpResponse<String> refused = caseworker.get("/api/v1/cases?" + query);
            assertThat(refused.statusCode()).as(query + " " + refused.body()).isEqualTo(422);
            assertThat(refused.body()).as(query).contains("\"field\":\"" + query.substring(0, query.indexOf('=')) + "\"");
        }

        WebSession citizen = staff("citizen@riverside.example");
        assertThat(citizen.get("/api/v1/cases/" + pothole).statusCode()).isEqualTo(403);
        assertThat(citizen.get("/api/v1/cases").statusCode()).isEqualTo(403);
        assertThat(transition(citizen, pothole, "acknowledged", null, null).statusCode()).isEqualTo(403);
        assertThat(new WebSession(port).get("/api/v1/cases").statusCode()).isIn(401, 403);
    }

    @Test
    void apiKeysReadWithRequestsReadAndChangeWithRequestsManageButSeeNoInternalNotes() {
        String tree = tree();
        String read = apiKeys.create("Case reader", "Tests", Set.of(ApiScopes.REQUESTS_READ), null).secret();
        String manage = apiKeys.create("Case manager", "Tests", Set.of(ApiScopes.REQUESTS_MANAGE), null).secret();
        String submit = apiKeys.create("Reporter", "Tests", Set.of(ApiScopes.OPEN311_SUBMIT), null).secret();
        WebSession app = new WebSession(port);

        assertThat(app.get("/api/v1/cases/" + tree, "X-Api-Key", read).statusCode()).isEqualTo(200);
        assertThat(app.get("/api/v1/cases?sla=due", "X-Api-Key", read).statusCode()).isEqualTo(200);
        assertThat(app.get("/api/v1/cases/" + tree, "X-Api-Key", submit).statusCode()).isEqualTo(403);
        assertThat(app.postRaw("/api/v1/cases/" + tree + "/transition", "application/json",
                body("acknowledged", null, null), "X-Api-Key", read).statusCode()).isEqualTo(403);
        HttpResponse<String> changed = app.postRaw("/api/v1/cases/" + tree + "/transition", "application/json",
                body("acknowledged", "On our list.", "Call the tree surgeon."), "X-Api-Key", manage);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonNode entry = json(changed).get("history").get(0);
        assertThat(entry.get("actor").get("kind").asText()).isEqualTo("api");
        assertThat(entry.get("publicNote").asText()).isEqualTo("On our list.");
        assertThat(entry.get("internalNote").isNull()).isTrue();
        assertThat(app.get("/api/v1/cases/" + tree, "X-Api-Key", read).body()).doesNotContain("tree surgeon");
        assertThat(staff("admin@riverside.example").get("/api/v1/cases/" + tree).body()).contains("Call the tree surgeon.");
    }

    // ---- assignment, duplicates, SLA ----

    @Test
    void aCaseworkerAssignsACaseToThemselvesAndFindsItInTheirQueue() {
        String reference = pothole();
        WebSession caseworker = staff("caseworker@riverside.example");
        HttpResponse<String> assigned = post(caseworker, "/api/v1/cases/" + reference + "/assign", "{\"assignee\":\"me\"}");
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
        String me = json(assigned).get("assignedTo").asText();
        assertThat(me).isNotBlank();

        JsonNode mine = json(caseworker.get("/api/v1/cases?assigned=me&size=100"));
        assertThat(mine.get("cases").findValuesAsText("reference")).contains(reference);
        assertThat(mine.get("cases").findValuesAsText("assignedTo")).containsOnly(me);
        assertThat(json(staff("manager@riverside.example").get("/api/v1/cases?assigned=me&size=100")).get("cases")
                .findValuesAsText("reference")).doesNotContain(reference);

        assertInvalid(post(caseworker, "/api/v1/cases/" + reference + "/assign", "{\"assignee\":\"someone\"}"), "assignee");
        assertInvalid(post(caseworker, "/api/v1/cases/" + reference + "/assign",
                "{\"assignee\":\"00000000-0000-4000-8000-000000000000\"}"), "assignee");
        // a colleague by account id, and not someone outside the team that handles the service
        WebSession admin = staff("admin@riverside.example");
        assertThat(post(admin, "/api/v1/cases/" + reference + "/assign", "{\"assignee\":\"" + me + "\"}").statusCode())
                .isEqualTo(200);
        assertInvalid(post(admin, "/api/v1/cases/" + tree() + "/assign", "{\"assignee\":\"" + me + "\"}"), "assignee");
        assertInvalid(post(caseworker, "/api/v1/cases/" + reference + "/assign", "{}"), "assignee");
        assertInvalid(caseworker.get("/api/v1/cases?size=500&sla=late&status=nope"), "size");

        // both assignments are in the history, who to and by whom, and a refused one left no entry
        JsonNode history = json(admin.get("/api/v1/cases/" + reference)).get("history");
        assertThat(history).hasSize(2);
        String adminId = json(admin.get("/api/v1/me")).get("id").asText();
        for (int i = 0; i < 2; i++) {
            JsonNode entry = history.get(i);
            assertThat(entry.get("kind").asText()).isEqualTo("assignment");
            assertThat(entry.get("assignedTo").asText()).isEqualTo(me);
            assertThat(entry.get("from").asText()).isEqualTo("submitted");
            assertThat(entry.get("to").asText()).isEqualTo("submitted");
            assertThat(entry.get("actor").get("kind").asText()).isEqualTo("staff");
            assertThat(entry.get("publicNote").isNull()).isTrue();
        }
        assertThat(history.get(0).get("actor").get("id").asText()).isEqualTo(me);
        assertThat(history.get(1).get("actor").get("id").asText()).isEqualTo(adminId);
        // an assignment is not a public update: Open311 shows no status note and the same status
        JsonNode open311 = json(new WebSession(port).get("/open311/v2/requests/" + reference + ".json")).get(0);
        assertThat(open311.get("status").asText()).isEqualTo("open");
        assertThat(open311.get("status_notes").isNull()).isTrue();
    }

    @Test
    void aDuplicateIsLinkedToTheOriginalAndClosed() {
        String original = pothole();
        String copy = pothole();
        String otherTeams = tree();
        WebSession caseworker = staff("caseworker@riverside.example");

        assertInvalid(post(caseworker, "/api/v1/cases/" + copy + "/duplicate", "{\"original\":\"" + copy + "\"}"), "original");
        assertInvalid(post(caseworker, "/api/v1/cases/" + copy + "/duplicate", "{\"original\":\"RBC-2222-2222\"}"), "original");
        assertInvalid(post(caseworker, "/api/v1/cases/" + copy + "/duplicate", "{\"original\":\"" + otherTeams + "\"}"), "original");
        assertInvalid(post(caseworker, "/api/v1/cases/" + copy + "/duplicate", "{}"), "original");

        HttpResponse<String> marked = post(caseworker, "/api/v1/cases/" + copy + "/duplicate",
                "{\"original\":\"" + original.toLowerCase() + "\",\"publicNote\":\"Already reported: we are on it.\"}");
        assertThat(marked.statusCode()).as(marked.body()).isEqualTo(200);
        assertThat(json(marked).get("status").asText()).isEqualTo("duplicate");
        assertThat(json(marked).get("duplicateOf").asText()).isEqualTo(original);
        assertThat(json(new WebSession(port).get("/open311/v2/requests/" + copy + ".json")).get(0).get("status").asText())
                .isEqualTo("closed");
        assertInvalid(transition(caseworker, copy, "acknowledged", null, null), "status");
    }

    @Test
    void aCasePastItsExpectedCompletionIsFlaggedAsBreachedUntilResolved() {
        String late = pothole();
        String onTime = pothole();
        jdbc.sql("update requests.service_request set expected_at = now() - interval '1 day' where reference = ?").param(late).update();
        WebSession caseworker = staff("caseworker@riverside.example");

        assertThat(json(caseworker.get("/api/v1/cases/" + late)).get("slaBreached").asBoolean()).isTrue();
        assertThat(json(caseworker.get("/api/v1/cases/" + onTime)).get("slaBreached").asBoolean()).isFalse();
        JsonNode breached = json(caseworker.get("/api/v1/cases?sla=breached&size=100"));
        assertThat(breached.get("cases").findValuesAsText("reference")).contains(late).doesNotContain(onTime);
        assertThat(breached.get("breached").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(json(caseworker.get("/api/v1/cases?sla=due&size=100")).get("cases").findValuesAsText("reference"))
                .contains(onTime).doesNotContain(late);

        transition(caseworker, late, "acknowledged", null, null);
        transition(caseworker, late, "in_progress", null, null);
        assertThat(transition(caseworker, late, "resolved", "Fixed.", null).statusCode()).isEqualTo(200);
        assertThat(json(caseworker.get("/api/v1/cases/" + late)).get("slaBreached").asBoolean()).isFalse();
        assertThat(json(caseworker.get("/api/v1/cases?sla=breached&size=100")).get("cases").findValuesAsText("reference"))
                .doesNotContain(late);
    }

    // ---- idempotency ----

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstAnswerAndChangesNothing() {
        String reference = pothole();
        WebSession caseworker = staff("caseworker@riverside.example");
        String body = body("acknowledged", "Thank you.", null);

        HttpResponse<String> first = post(caseworker, "/api/v1/cases/" + reference + "/transition", body, "Idempotency-Key", "ack-" + reference);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        int events = rows("case_event");
        HttpResponse<String> retry = post(caseworker, "/api/v1/cases/" + reference + "/transition", body, "Idempotency-Key", "ack-" + reference);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(rows("case_event")).isEqualTo(events);

        HttpResponse<String> reused = post(caseworker, "/api/v1/cases/" + reference + "/transition",
                body("in_progress", null, null), "Idempotency-Key", "ack-" + reference);
        assertInvalid(reused, "Idempotency-Key");
        assertThat(rows("case_event")).isEqualTo(events);

        for (String bad : new String[] {"x".repeat(256), "has space", "tab\there", ""}) {
            HttpResponse<String> refused = post(caseworker, "/api/v1/cases/" + reference + "/transition", body("in_progress", null, null),
                    "Idempotency-Key", bad);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(json(refused).get("errors").findValuesAsText("field")).containsExactly("Idempotency-Key");
        }
        assertThat(rows("case_event")).isEqualTo(events);
        assertThat(json(caseworker.get("/api/v1/cases/" + reference)).get("status").asText()).isEqualTo("acknowledged");
    }
}

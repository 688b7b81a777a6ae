package org.civitas.requests.open311;

import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.civitas.CivitasTest;
import org.civitas.identity.ApiScopes;
import org.civitas.identity.apikey.ApiKeys;
import org.civitas.support.WebSession;
import org.civitas.trust.PersonalData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.annotation.Import;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service request updates extension as FixMyStreet's Open311 client uses it: GET the public
 * updates (status changes with their public notes, comments sent in; never assignments or internal
 * notes) and POST a resident's comment (sealed personal details, idempotent by update_id, may reopen).
 */
@CivitasTest
@ExtendWith(OutputCaptureExtension.class)
@Import(Open311RequestsTest.SubmittedEvents.class)
class Open311UpdatesTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> UPDATE_FIELDS = Set.of("update_id", "service_request_id", "status", "updated_datetime",
            "description", "media_url", "external_status_code");
    private static final String OFFSET_DATETIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    PersonalData vault;

    WebSession client;

    @BeforeEach
    void client() {
        client = new WebSession(port);
    }

    // ---- helpers ----

    private String pothole() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", CivitasTest.DEMO_API_KEY);
        form.put("service_code", "pothole");
        form.put("lat", "51.4613");
        form.put("long", "-0.3037");
        form.put("description", "A pothole by the bus stop.");
        form.put("attribute[size]", "large");
        form.put("attribute[surface]", "road");
        HttpResponse<String> created = client.postRaw("/open311/v2/requests.json", FORM, WebSession.form(form));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return Open311Conformance.json(created.body()).get(0).get("service_request_id").asText();
    }

    private WebSession caseworker() {
        WebSession session = new WebSession(port);
        session.signIn("caseworker@riverside.example", CivitasTest.DEMO_PASSWORD);
        session.get("/account");
        return session;
    }

    private static HttpResponse<String> staffPost(WebSession staff, String path, String body) {
        return staff.postRaw(path, "application/json", body, "X-CSRF-TOKEN", staff.csrfToken());
    }

    private static void transition(WebSession staff, String reference, String status, String publicNote, String internalNote) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("publicNote", publicNote);
        body.put("internalNote", internalNote);
        try {
            HttpResponse<String> moved = staffPost(staff, "/api/v1/cases/" + reference + "/transition", JSON.writeValueAsString(body));
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        }
        catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What FixMyStreet's Open311 client posts for a comment (Open311.pm _populate_service_request_update_params). */
    private static Map<String, String> fixMyStreetComment(String reference, String updateId, String status) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("jurisdiction_id", "riverside.example");
        form.put("api_key", CivitasTest.DEMO_API_KEY);
        form.put("updated_datetime", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString());
        form.put("service_request_id", reference);
        form.put("status", status);
        form.put("description", "Still there and getting deeper.");
        form.put("last_name", "Updatemarker-Byron");
        form.put("first_name", "Augusta");
        form.put("email", "augusta.updatemarker@example.org");
        form.put("phone", "07700 900555");
        form.put("update_id", updateId);
        form.put("media_url", "https://fixmystreet.example/photo/c/123.0.full.jpeg");
        // FixMyStreet cobrands add these; Civitas does not use them
        form.put("title", "MRS");
        form.put("email_alerts_requested", "FALSE");
        return form;
    }

    private HttpResponse<String> postUpdate(String format, Map<String, String> form) {
        return client.postRaw("/open311/v2/servicerequestupdates." + format, FORM, WebSession.form(form));
    }

    /** The feed from an hour ago to a minute ahead, with the end in another offset than UTC. */
    private HttpResponse<String> feed(String format, String extra) {
        String start = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS).toString();
        String end = OffsetDateTime.now(ZoneOffset.ofHours(1)).plusMinutes(1).truncatedTo(ChronoUnit.SECONDS).toString();
        return client.get("/open311/v2/servicerequestupdates." + format + "?api_key=" + CivitasTest.DEMO_API_KEY
                + "&start_date=" + enc(start) + "&end_date=" + enc(end) + extra);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The feed's entries for one request, after checking every entry's shape. */
    private static List<JsonNode> entries(HttpResponse<String> feed, String reference) {
        assertThat(feed.statusCode()).as(feed.body()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode array = Open311Conformance.json(feed.body());
        assertThat(array.isArray()).as("JSON is always an array").isTrue();
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode entry : array) {
            List<String> names = new ArrayList<>();
            entry.fieldNames().forEachRemaining(names::add);
            assertThat(names).containsExactlyInAnyOrderElementsOf(UPDATE_FIELDS);
            assertThat(entry.get("update_id").asText()).isNotBlank();
            assertThat(entry.get("status").asText()).isIn("open", "closed", "fixed", "in_progress", "no_further_action", "duplicate");
            assertThat(entry.get("updated_datetime").asText()).matches(OFFSET_DATETIME);
            if (entry.get("service_request_id").asText().equals(reference)) {
                found.add(entry);
            }
        }
        return found;
    }

    private static List<Element> children(Node parent) {
        List<Element> elements = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }

    private static String text(Element parent, String name) {
        return children(parent).stream().filter(e -> e.getTagName().equals(name)).findFirst().orElseThrow().getTextContent();
    }

    private int commentRows() {
        return jdbc.sql("select count(*) from requests.case_event where kind = 'comment'").query(Integer.class).single();
    }

    private String status(String reference) {
        return jdbc.sql("select status from requests.service_request where reference = ?").param(reference).query(String.class).single();
    }

    // ---- GET ----

    @Test
    void theFeedListsStatusChangesWithTheirPublicNoteButNeverAssignmentsOrInternalNotes() {
        String reference = pothole();
        WebSession caseworker = caseworker();
        transition(caseworker, reference, "acknowledged", "Thank you, we have your report.", "INTERNAL-only-marker-7Q");
        assertThat(staffPost(caseworker, "/api/v1/cases/" + reference + "/assign", "{\"assignee\":\"me\"}").statusCode()).isEqualTo(200);
        transition(caseworker, reference, "in_progress", "A crew is booked for Thursday.", "INTERNAL-only-marker-8R");

        HttpResponse<String> json = feed("json", "");
        assertThat(json.body()).doesNotContain("INTERNAL-only-marker");
        List<JsonNode> updates = entries(json, reference);
        assertThat(updates).as("two status changes; the assignment is not a public update").hasSize(2);
        JsonNode latest = updates.get(0);
        assertThat(latest.get("status").asText()).isEqualTo("in_progress");
        assertThat(latest.get("external_status_code").asText()).isEqualTo("in_progress");
        assertThat(latest.get("description").asText()).isEqualTo("A crew is booked for Thursday.");
        assertThat(latest.get("media_url").isNull()).isTrue();
        JsonNode first = updates.get(1);
        assertThat(first.get("status").asText()).isEqualTo("open");
        assertThat(first.get("external_status_code").asText()).isEqualTo("acknowledged");
        assertThat(first.get("description").asText()).isEqualTo("Thank you, we have your report.");
        assertThat(first.get("update_id").asText()).isNotEqualTo(latest.get("update_id").asText());

        // the update ids are stable: the staff history shows the same ones, and the assignment among them
        JsonNode history = readJson(caseworker.get("/api/v1/cases/" + reference).body()).get("history");
        List<String> kinds = new ArrayList<>();
        history.forEach(entry -> kinds.add(entry.get("kind").asText()));
        assertThat(kinds).containsExactly("transition", "assignment", "transition");
        assertThat(history.get(1).get("assignedTo").asText()).isEqualTo(history.get(1).get("actor").get("id").asText());
        assertThat(history.get(1).get("publicNote").isNull()).isTrue();
        assertThat(history.findValuesAsText("updateId")).contains(first.get("update_id").asText(), latest.get("update_id").asText());

        // Open311 status_notes is still the latest public note, not touched by the assignment
        JsonNode request = Open311Conformance.validJson(client.get("/open311/v2/requests/" + reference + ".json").body(), "requests.json");
        assertThat(request.get(0).get("status_notes").asText()).isEqualTo("A crew is booked for Thursday.");

        HttpResponse<String> xml = feed("xml", "");
        assertThat(xml.statusCode()).isEqualTo(200);
        assertThat(xml.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
        assertThat(xml.body()).doesNotContain("INTERNAL-only-marker");
        Element root = Open311Conformance.validXml(xml.body()).getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("service_request_updates");
        List<Element> mine = children(root).stream().filter(e -> text(e, "service_request_id").equals(reference)).toList();
        assertThat(mine).hasSize(2);
        assertThat(mine).allSatisfy(e -> assertThat(e.getTagName()).isEqualTo("request_update"));
        assertThat(children(mine.get(0)).stream().map(Element::getTagName)).containsExactly("update_id", "service_request_id",
                "status", "updated_datetime", "description", "media_url", "external_status_code");
        assertThat(text(mine.get(0), "update_id")).isEqualTo(latest.get("update_id").asText());
    }

    @Test
    void theFeedPagesAndKeepsToItsWindow() {
        String reference = pothole();
        WebSession caseworker = caseworker();
        transition(caseworker, reference, "acknowledged", "Seen.", null);
        transition(caseworker, reference, "in_progress", "Booked.", null);
        transition(caseworker, reference, "resolved", "Filled.", null);
        JsonNode all = Open311Conformance.json(feed("json", "").body());
        assertThat(all.size()).isGreaterThanOrEqualTo(3);
        List<String> paged = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            JsonNode one = Open311Conformance.json(feed("json", "&page=" + page + "&page_size=1").body());
            assertThat(one).hasSize(1);
            paged.add(one.get(0).get("update_id").asText());
        }
        assertThat(paged).containsExactlyElementsOf(all.findValuesAsText("update_id").subList(0, 3));
        assertThat(Open311Conformance.json(feed("json", "&page=" + (all.size() + 1) + "&page_size=1").body())).isEmpty();

        // a window in the past has none of today's updates; the default window (no dates) has them
        HttpResponse<String> past = client.get("/open311/v2/servicerequestupdates.json?api_key=" + CivitasTest.DEMO_API_KEY
                + "&start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00%2B01:00");
        assertThat(entries(past, reference)).isEmpty();
        HttpResponse<String> recent = client.get("/open311/v2/servicerequestupdates.json?api_key=" + CivitasTest.DEMO_API_KEY
                + "&jurisdiction_id=riverside.example&start_date=&end_date=");
        assertThat(entries(recent, reference)).hasSize(3);
        assertThat(entries(recent, reference).get(0).get("status").asText()).isEqualTo("fixed");
    }

    @Test
    void theFeedRefusesBadQueriesInOpen311sFormat() {
        String key = "api_key=" + CivitasTest.DEMO_API_KEY;
        assertError(client.get("/open311/v2/servicerequestupdates.json"), 403, "api_key");
        assertError(client.get("/open311/v2/servicerequestupdates.json?api_key=civ_nope"), 403, "api_key");
        String catalogueOnly = apiKeys.create("Catalogue app", "Tests", Set.of(ApiScopes.CATALOGUE_MANAGE), null).secret();
        assertError(client.get("/open311/v2/servicerequestupdates.json?api_key=" + catalogueOnly), 403, "api_key");
        String reader = apiKeys.create("Reader app", "Tests", Set.of(ApiScopes.REQUESTS_READ), null).secret();
        assertThat(client.get("/open311/v2/servicerequestupdates.json?api_key=" + reader).statusCode()).isEqualTo(200);
        assertError(client.get("/open311/v2/servicerequestupdates.json?" + key + "&start_date=2026-01-01T10:00:00"), 400, "start_date");
        assertError(client.get("/open311/v2/servicerequestupdates.json?" + key + "&start_date=2026-01-01T00:00:00Z&end_date=2026-04-02T00:00:00Z"),
                400, "end_date");
        assertError(client.get("/open311/v2/servicerequestupdates.json?" + key + "&start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z"),
                400, "end_date");
        assertError(client.get("/open311/v2/servicerequestupdates.json?" + key + "&page_size=0"), 400, "page_size");
        assertError(client.get("/open311/v2/servicerequestupdates.json?" + key + "&page=abc"), 400, "page");
        HttpResponse<String> jurisdiction = client.get("/open311/v2/servicerequestupdates.xml?" + key + "&jurisdiction_id=elsewhere");
        assertThat(jurisdiction.statusCode()).isEqualTo(404);
        assertThat(Open311Conformance.validXml(jurisdiction.body()).getDocumentElement().getTagName()).isEqualTo("errors");
        assertThat(client.get("/open311/v2/servicerequestupdates.csv?" + key).statusCode()).isEqualTo(404);
    }

    // ---- POST ----

    @Test
    void aResidentsCommentReopensAResolvedCaseIsSealedAndIsIdempotent(CapturedOutput output) {
        org.civitas.support.ProductionLogLevels.assertCapturedAtProductionLevels();
        String reference = pothole();
        WebSession caseworker = caseworker();
        transition(caseworker, reference, "acknowledged", "Seen.", null);
        transition(caseworker, reference, "in_progress", "Booked.", null);
        transition(caseworker, reference, "resolved", "Filled on Thursday.", null);
        String clientId = "fms-" + UUID.randomUUID();

        HttpResponse<String> posted = postUpdate("xml", fixMyStreetComment(reference, clientId, "OPEN"));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        assertThat(posted.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
        Element root = Open311Conformance.validXml(posted.body()).getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("service_request_updates");
        assertThat(children(root)).singleElement().satisfies(e -> {
            assertThat(e.getTagName()).isEqualTo("request_update");
            assertThat(children(e).stream().map(Element::getTagName)).containsExactly("update_id");
        });
        String updateId = text(children(root).get(0), "update_id");
        assertThat(UUID.fromString(updateId)).isNotNull();
        assertThat(posted.body()).doesNotContain("Updatemarker", "augusta", "07700");

        assertThat(status(reference)).as("the resident says it is not fixed").isEqualTo("reopened");
        JsonNode request = Open311Conformance.validJson(client.get("/open311/v2/requests/" + reference + ".json").body(), "requests.json");
        assertThat(request.get(0).get("status").asText()).isEqualTo("open");
        assertThat(request.get(0).get("status_notes").asText()).as("status_notes stays the council's note").isEqualTo("Filled on Thursday.");

        // a retry (FixMyStreet resends when it missed the answer) gets the same update_id and writes nothing
        int comments = commentRows();
        HttpResponse<String> retried = postUpdate("json", fixMyStreetComment(reference, clientId, "OPEN"));
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        JsonNode retriedJson = Open311Conformance.json(retried.body());
        assertThat(retriedJson.isArray()).isTrue();
        assertThat(retriedJson).singleElement().satisfies(e -> assertThat(e.get("update_id").asText()).isEqualTo(updateId));
        assertThat(commentRows()).isEqualTo(comments);
        assertThat(Open311RequestsTest.SubmittedEvents.COMMENTS.stream().filter(e -> e.reference().equals(reference)))
                .singleElement().satisfies(e -> assertThat(e.reopened()).isTrue());

        // the staff history shows the comment, by the API client; the feed carries it with the same update_id
        JsonNode history = readJson(caseworker.get("/api/v1/cases/" + reference).body()).get("history");
        JsonNode comment = history.get(history.size() - 1);
        assertThat(comment.get("kind").asText()).isEqualTo("comment");
        assertThat(comment.get("actor").get("kind").asText()).isEqualTo("api");
        assertThat(comment.get("from").asText()).isEqualTo("resolved");
        assertThat(comment.get("to").asText()).isEqualTo("reopened");
        assertThat(comment.get("publicNote").asText()).isEqualTo("Still there and getting deeper.");
        assertThat(comment.get("reportedStatus").asText()).isEqualTo("OPEN");
        assertThat(comment.get("mediaUrl").asText()).isEqualTo("https://fixmystreet.example/photo/c/123.0.full.jpeg");
        assertThat(comment.get("updateId").asText()).isEqualTo(updateId);
        assertThat(history.toString()).doesNotContain("Updatemarker", "augusta", "07700");
        List<JsonNode> feed = entries(feed("json", ""), reference);
        assertThat(feed.get(0).get("update_id").asText()).isEqualTo(updateId);
        assertThat(feed.get(0).get("status").asText()).isEqualTo("open");
        assertThat(feed.get(0).get("external_status_code").asText()).isEqualTo("reopened");
        assertThat(feed.get(0).get("description").asText()).isEqualTo("Still there and getting deeper.");
        assertThat(feed.get(0).get("media_url").asText()).isEqualTo("https://fixmystreet.example/photo/c/123.0.full.jpeg");

        // the person's details: sealed in the vault, nowhere in clear, not in the events or the log
        record Sealed(UUID contactSubject, byte[] contactSealed) {
        }
        Sealed sealed = jdbc.sql("select contact_subject, contact_sealed from requests.case_event where update_id = ?")
                .param(UUID.fromString(updateId)).query(Sealed.class).single();
        assertThat(vault.open(sealed.contactSubject(), org.civitas.requests.cases.RequestUpdates.CONTACT_FIELD, sealed.contactSealed()))
                .hasValueSatisfying(contact -> assertThat(contact).contains("Updatemarker-Byron", "augusta.updatemarker@example.org",
                        "07700 900555", "Augusta"));
        for (String table : jdbc.sql("""
                select table_schema || '.' || table_name from information_schema.tables
                where table_schema in ('platform', 'identity', 'catalogue', 'requests', 'trust') and table_type = 'BASE TABLE'
                """).query(String.class).list()) {
            assertThat(jdbc.sql("select count(*) from " + table + " t where t::text ilike '%updatemarker%' or t::text ilike '%900555%'")
                    .query(Integer.class).single()).as(table).isZero();
        }
        assertThat(Open311RequestsTest.SubmittedEvents.COMMENTS.stream().map(Object::toString)
                .filter(e -> e.toLowerCase().contains("updatemarker") || e.contains("900555") || e.contains("deeper"))).isEmpty();
        assertThat(output.getAll()).doesNotContainIgnoringCase("updatemarker").doesNotContain("900555");
    }

    @Test
    void aClosingStatusOrACommentOnARejectedCaseChangesNoStatus() {
        String resolved = pothole();
        WebSession caseworker = caseworker();
        transition(caseworker, resolved, "acknowledged", "Seen.", null);
        transition(caseworker, resolved, "in_progress", "Booked.", null);
        transition(caseworker, resolved, "resolved", "Filled.", null);
        assertThat(postUpdate("json", fixMyStreetComment(resolved, "fms-" + UUID.randomUUID(), "CLOSED")).statusCode()).isEqualTo(200);
        assertThat(postUpdate("json", fixMyStreetComment(resolved, "fms-" + UUID.randomUUID(), "fixed")).statusCode()).isEqualTo(200);
        assertThat(status(resolved)).isEqualTo("resolved");

        String rejected = pothole();
        transition(caseworker, rejected, "rejected", "This road is not ours.", null);
        assertThat(postUpdate("json", fixMyStreetComment(rejected, "fms-" + UUID.randomUUID(), "REOPEN")).statusCode()).isEqualTo(200);
        assertThat(status(rejected)).isEqualTo("rejected");

        String open = pothole();
        assertThat(postUpdate("json", fixMyStreetComment(open, "fms-" + UUID.randomUUID(), "OPEN")).statusCode()).isEqualTo(200);
        assertThat(status(open)).isEqualTo("submitted");
    }

    @Test
    void everyBadFieldIsRefusedNamingItAndNothingIsWritten() {
        String reference = pothole();
        int before = commentRows();
        String used = "fms-" + UUID.randomUUID();
        assertThat(postUpdate("json", fixMyStreetComment(pothole(), used, "OPEN")).statusCode()).isEqualTo(200);
        before++;

        Map<String, Map<String, String>> bad = new LinkedHashMap<>();
        bad.put("service_request_id", with(reference, "service_request_id", ""));
        bad.put("update_id", with(reference, "update_id", ""));
        bad.put("update_id ", with(reference, "update_id", "has a space"));
        bad.put("update_id  ", with(reference, "update_id", "x".repeat(101)));
        bad.put("status", with(reference, "status", "SORTED"));
        bad.put("status ", with(reference, "status", ""));
        bad.put("updated_datetime", with(reference, "updated_datetime", "2026-03-10T14:30:00"));
        bad.put("updated_datetime ", with(reference, "updated_datetime", ""));
        bad.put("updated_datetime  ", with(reference, "updated_datetime", "2999-01-01T00:00:00Z"));
        bad.put("description", with(reference, "description", "<script>alert(1)</script>"));
        bad.put("description ", with(reference, "description", "d".repeat(4001)));
        bad.put("email", with(reference, "email", "not-an-email"));
        bad.put("first_name", with(reference, "first_name", "f".repeat(101)));
        bad.put("phone", with(reference, "phone", "0".repeat(41)));
        bad.put("media_url", with(reference, "media_url", "javascript:alert(1)"));
        bad.put("update_id   ", with(reference, "update_id", used)); // already sent for another request
        for (Map.Entry<String, Map<String, String>> each : bad.entrySet()) {
            assertError(postUpdate("json", each.getValue()), 400, each.getKey().trim());
        }
        HttpResponse<String> xml = postUpdate("xml", with(reference, "status", "SORTED"));
        assertThat(xml.statusCode()).isEqualTo(400);
        Element errors = Open311Conformance.validXml(xml.body()).getDocumentElement();
        assertThat(errors.getTagName()).isEqualTo("errors");
        assertThat(text(children(errors).get(0), "description")).startsWith("status:");

        assertError(postUpdate("json", with("RBC-2222-2222", "update_id", "fms-unknown")), 404, "service_request_id");
        assertError(postUpdate("json", with(reference, "api_key", "")), 403, "api_key");
        assertError(postUpdate("json", with(reference, "api_key", "civ_nope")), 403, "api_key");
        String reader = apiKeys.create("Reader only", "Tests", Set.of(ApiScopes.REQUESTS_READ), null).secret();
        assertError(postUpdate("json", with(reference, "api_key", reader)), 403, "api_key");
        assertThat(postUpdate("json", with(reference, "jurisdiction_id", "elsewhere")).statusCode()).isEqualTo(404);

        assertThat(commentRows()).as("nothing written for any refused update").isEqualTo(before);
        assertThat(status(reference)).isEqualTo("submitted");
    }

    /** Found by Open311UpdatesRandomInputTest: Spring Security's firewall refused the form as the handler read it, a 500 then. */
    @Test
    void aParameterNameTheFirewallRefusesIsA400InOpen311sFormat() {
        for (String path : new String[] {"/open311/v2/servicerequestupdates.json", "/open311/v2/requests.json"}) {
            HttpResponse<String> refused = client.postRaw(path, FORM, "%DD%8B=%2500&api_key=" + CivitasTest.DEMO_API_KEY);
            assertThat(refused.statusCode()).as(path + " " + refused.body()).isEqualTo(400);
            JsonNode errors = Open311Conformance.json(refused.body());
            assertThat(errors.isArray()).isTrue();
            assertThat(errors.get(0).get("code").asInt()).isEqualTo(400);
        }
    }

    private static Map<String, String> with(String reference, String name, String value) {
        Map<String, String> form = fixMyStreetComment(reference, "fms-" + UUID.randomUUID(), "OPEN");
        form.put(name, value);
        return form;
    }

    private static void assertError(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode errors = Open311Conformance.json(response.body());
        assertThat(errors.isArray()).isTrue();
        if (status == 404 && field.equals("service_request_id")) {
            assertThat(errors.get(0).get("description").asText()).contains("service_request_id");
            return;
        }
        assertThat(errors.findValuesAsText("description")).anySatisfy(d -> assertThat(d).startsWith(field + ":"));
        assertThat(errors.findValuesAsText("code")).allSatisfy(c -> assertThat(c).isEqualTo(String.valueOf(status)));
    }

    private static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        }
        catch (Exception e) {
            throw new IllegalStateException(body, e);
        }
    }
}

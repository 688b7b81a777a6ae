package org.civitas.requests.open311;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.civitas.CivitasTest;
import org.civitas.identity.ApiScopes;
import org.civitas.identity.apikey.ApiKeys;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.civitas.requests.RequestSubmitted;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import static org.assertj.core.api.Assertions.assertThat;

/** Open311 POST requests and GET requests/{id}: real HTTP, both formats, every bad input refused with nothing written. */
@CivitasTest
@ExtendWith(OutputCaptureExtension.class)
@Import(Open311RequestsTest.SubmittedEvents.class)
class Open311RequestsTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.civitas.trust.PersonalData vault;

    @Autowired
    ApiKeys apiKeys;

    WebSession client;

    @BeforeEach
    void client() {
        client = new WebSession(port);
    }

    private static Map<String, String> pothole() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", CivitasTest.DEMO_API_KEY);
        form.put("service_code", "pothole");
        form.put("lat", "51.4613");
        form.put("long", "-0.3037");
        form.put("address_string", "12 River Street, Riverside");
        form.put("description", "A deep pothole by the bus stop.\nCars swerve round it.");
        form.put("media_url", "https://photos.example/pothole.jpg");
        form.put("attribute[size]", "large");
        form.put("attribute[depth]", "8");
        form.put("attribute[surface]", "road");
        form.put("first_name", "Ada");
        form.put("last_name", "Lovelace-Marker");
        form.put("email", "ada.marker@example.org");
        form.put("phone", "07700 900123");
        return form;
    }

    private HttpResponse<String> post(String format, Map<String, String> form) {
        return client.postRaw("/open311/v2/requests." + format, FORM, WebSession.form(form));
    }

    private int rows() {
        return jdbc.sql("select count(*) from requests.service_request").query(Integer.class).single();
    }

    @Test
    void aSubmittedPotholeReadsBackInJsonAndXmlAndMeetsTheSchemas() {
        HttpResponse<String> created = post("json", pothole());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(created.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode array = Open311Conformance.json(created.body());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(1);
        String id = array.get(0).get("service_request_id").asText();
        assertThat(id).matches("RBC-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}");
        assertThat(array.get(0).has("token")).isFalse();
        assertThat(created.body()).doesNotContain("Lovelace", "ada.marker", "07700");

        HttpResponse<String> json = client.get("/open311/v2/requests/" + id + ".json");
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        JsonNode requests = Open311Conformance.validJson(json.body(), "requests.json");
        JsonNode request = requests.get(0);
        Open311Conformance.validJson(request.toString(), "request.json");
        assertThat(request.get("service_request_id").asText()).isEqualTo(id);
        assertThat(request.get("status").asText()).isEqualTo("open");
        assertThat(request.get("status_notes").isNull()).isTrue();
        assertThat(request.get("service_name").asText()).isEqualTo("Pothole");
        assertThat(request.get("service_code").asText()).isEqualTo("pothole");
        assertThat(request.get("description").asText()).isEqualTo("A deep pothole by the bus stop.\nCars swerve round it.");
        assertThat(request.get("agency_responsible").asText()).isNotBlank();
        assertThat(request.get("requested_datetime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)");
        assertThat(request.get("expected_datetime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*(Z|[+-]\\d\\d:\\d\\d)");
        assertThat(request.get("address").asText()).isEqualTo("12 River Street, Riverside");
        assertThat(request.get("lat").isNumber()).isTrue();
        assertThat(request.get("lat").decimalValue()).isEqualByComparingTo("51.4613");
        assertThat(request.get("long").decimalValue()).isEqualByComparingTo("-0.3037");
        assertThat(request.get("media_url").asText()).isEqualTo("https://photos.example/pothole.jpg");
        assertThat(json.body()).doesNotContain("Lovelace", "ada.marker", "07700", "Ada");

        HttpResponse<String> xml = client.get("/open311/v2/requests/" + id.toLowerCase() + ".xml");
        assertThat(xml.statusCode()).isEqualTo(200);
        assertThat(xml.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
        Document document = Open311Conformance.validXml(xml.body());
        Element root = document.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("service_requests");
        List<Element> items = children(root);
        assertThat(items).hasSize(1);
        assertThat(items.get(0).getTagName()).isEqualTo("request");
        assertThat(children(items.get(0)).stream().map(Element::getTagName)).containsExactly("service_request_id", "status",
                "status_notes", "service_name", "service_code", "description", "agency_responsible", "service_notice",
                "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode",
                "lat", "long", "media_url");
        assertThat(text(items.get(0), "service_request_id")).isEqualTo(id);
        assertThat(xml.body()).doesNotContain("Lovelace", "ada.marker", "07700");

        assertThat(jdbc.sql("select answers::text from requests.service_request where reference = ?").param(id)
                .query(String.class).single()).contains("\"size\"", "large", "\"depth\"");
    }

    @Test
    void contactDetailsAreStoredOnlySealedAndNeverLoggedOrPutInTheEvent(CapturedOutput output) {
        org.civitas.support.ProductionLogLevels.assertCapturedAtProductionLevels();
        HttpResponse<String> created = post("json", pothole());
        assertThat(created.statusCode()).isEqualTo(200);
        String id = Open311Conformance.json(created.body()).get(0).get("service_request_id").asText();
        int published = SubmittedEvents.RECEIVED.size();
        assertThat(post("json", with("attribute[size]", "enormous")).statusCode()).isEqualTo(400); // refused, with contact details too
        assertThat(SubmittedEvents.RECEIVED).as("a refused request publishes nothing").hasSize(published);

        String row = jdbc.sql("select row_to_json(r)::text from requests.service_request r where reference = ?")
                .param(id).query(String.class).single();
        assertThat(row).doesNotContain("Lovelace", "ada.marker", "07700", "Ada");
        RequestSubmitted event = SubmittedEvents.RECEIVED.stream().filter(e -> e.reference().equals(id)).findFirst().orElseThrow();
        assertThat(event.serviceCode()).isEqualTo("pothole");
        assertThat(event.channel()).isEqualTo("open311");
        assertThat(event.toString()).doesNotContain("Lovelace", "ada.marker", "07700", "bus stop");
        assertThat(output.getAll()).doesNotContain("Lovelace", "ada.marker", "07700 900123");

        // sealed in the vault under a subject of the requester's own, readable only through it
        record Sealed(java.util.UUID requesterSubject, byte[] contactSealed) {
        }
        Sealed sealed = jdbc.sql("select requester_subject, contact_sealed from requests.service_request where reference = ?")
                .param(id).query(Sealed.class).single();
        assertThat(vault.open(sealed.requesterSubject(), org.civitas.requests.cases.ServiceRequestRegister.CONTACT_FIELD, sealed.contactSealed()))
                .hasValueSatisfying(contact -> assertThat(contact).contains("Lovelace", "ada.marker", "07700 900123"));

        // and no table of any module holds them in clear
        for (String table : jdbc.sql("""
                select table_schema || '.' || table_name from information_schema.tables
                where table_schema in ('platform', 'identity', 'catalogue', 'requests', 'trust') and table_type = 'BASE TABLE'
                """).query(String.class).list()) {
            assertThat(jdbc.sql("select count(*) from " + table + " t where t::text ilike '%ada.marker%' or t::text ilike '%lovelace%'")
                    .query(Integer.class).single()).as(table).isZero();
        }
    }

    @Test
    void theXmlResponseToAPostHasTheSpecificationsShape() {
        HttpResponse<String> created = post("xml", pothole());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        Element root = Open311Conformance.validXml(created.body()).getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("service_requests");
        Element request = children(root).get(0);
        assertThat(request.getTagName()).isEqualTo("request");
        assertThat(children(request).stream().map(Element::getTagName))
                .containsExactly("service_request_id", "service_notice", "account_id");
    }

    @Test
    void aBatchServiceGivesATokenInsteadOfARequestId() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", CivitasTest.DEMO_API_KEY);
        form.put("service_code", "bulky-waste");
        form.put("address_string", "3 Mill Lane");
        form.put("attribute[items][]", "sofa");
        form.put("attribute[item_count]", "1");
        // a collection is arranged with the resident: the service refuses anonymous requests on every channel
        form.put("first_name", "Ann");
        form.put("phone", "01632 960 001");
        String body = WebSession.form(form) + "&attribute%5Bitems%5D%5B%5D=fridge";
        HttpResponse<String> created = client.postRaw("/open311/v2/requests.json", FORM, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode entry = Open311Conformance.json(created.body()).get(0);
        assertThat(entry.get("token").asText()).isNotBlank();
        assertThat(entry.has("service_request_id")).isFalse();
        assertThat(jdbc.sql("select answers::text from requests.service_request where token = ?")
                .param(entry.get("token").asText()).query(String.class).single()).contains("sofa", "fridge");
    }

    @Test
    void aMissingInvalidRevokedOrUnderScopedKeyIs403AndWritesNothing() {
        var revoked = apiKeys.create("Revoked app", "Tests", Set.of(ApiScopes.OPEN311_SUBMIT), null);
        apiKeys.revoke(revoked.key().id(), null);
        var readOnly = apiKeys.create("Read-only app", "Tests", Set.of(ApiScopes.REQUESTS_READ), null);
        int before = rows();
        for (String key : new String[] {null, "", "civ_not_a_key", revoked.secret(), readOnly.secret()}) {
            Map<String, String> form = pothole();
            if (key == null) {
                form.remove("api_key");
            } else {
                form.put("api_key", key);
            }
            for (String format : List.of("json", "xml")) {
                HttpResponse<String> response = post(format, form);
                assertThat(response.statusCode()).as("key %s: %s", key, response.body()).isEqualTo(403);
                assertThat(response.body()).contains("api_key").doesNotContain("Exception");
                if (format.equals("json")) {
                    assertThat(Open311Conformance.json(response.body()).get(0).get("code").asInt()).isEqualTo(403);
                } else {
                    assertThat(Open311Conformance.validXml(response.body()).getDocumentElement().getTagName()).isEqualTo("errors");
                }
            }
        }
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void eachBadInputGetsAnOpen311ErrorNamingTheFieldAndWritesNothing() {
        Map<String, Map<String, String>> cases = new LinkedHashMap<>();
        cases.put("service_code", with("service_code", ""));
        cases.put("location", without("lat", "long", "address_string"));
        cases.put("long", without("long", "address_string"));
        cases.put("attribute[size]", with("attribute[size]", "enormous"));
        cases.put("attribute[depth]", with("attribute[depth]", "deep"));
        cases.put("attribute[surface]", with("attribute[surface]", ""));
        cases.put("attribute[colour]", with("attribute[colour]", "grey"));
        cases.put("description", with("description", "x".repeat(4001)));
        cases.put("description ", with("description", "Look <script>alert(1)</script>"));
        cases.put("lat", with("lat", "91"));
        cases.put("long ", with("long", "east"));
        cases.put("media_url", with("media_url", "javascript:alert(1)"));
        int before = rows();
        cases.forEach((field, form) -> {
            for (String format : List.of("json", "xml")) {
                HttpResponse<String> response = post(format, form);
                assertThat(response.statusCode()).as("%s: %s", field, response.body()).isEqualTo(400);
                assertThat(response.body()).as(field).contains(field.trim() + ": ").doesNotContain("Exception", "<script>");
                if (format.equals("json")) {
                    JsonNode errors = Open311Conformance.json(response.body());
                    assertThat(errors.isArray()).isTrue();
                    errors.forEach(error -> assertThat(error.get("code").asInt()).isEqualTo(400));
                } else {
                    assertThat(Open311Conformance.validXml(response.body()).getDocumentElement().getTagName()).isEqualTo("errors");
                }
            }
        });
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void aDatetimeAnswerWithoutAnOffsetIsRefused() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", CivitasTest.DEMO_API_KEY);
        form.put("service_code", "fly-tipping");
        form.put("lat", "51.46");
        form.put("long", "-0.30");
        form.put("attribute[waste_type][]", "bags");
        form.put("attribute[amount]", "single");
        form.put("attribute[seen_dumping]", "2026-03-10T14:30:00");
        int before = rows();
        HttpResponse<String> response = post("json", form);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("attribute[seen_dumping]: ");
        assertThat(rows()).isEqualTo(before);
        form.put("attribute[seen_dumping]", "2026-03-10T14:30:00Z");
        assertThat(post("json", form).statusCode()).isEqualTo(200);
        assertThat(rows()).isEqualTo(before + 1);
    }

    @Test
    void severalProblemsAreReportedTogether() {
        Map<String, String> form = with("attribute[size]", "enormous");
        form.put("attribute[depth]", "deep");
        form.put("description", "<b>bold</b>");
        JsonNode errors = Open311Conformance.json(post("json", form).body());
        assertThat(errors).hasSize(3);
    }

    @Test
    void anUnknownServiceIs404NamingServiceCodeAndWritesNothing() {
        int before = rows();
        HttpResponse<String> response = post("json", with("service_code", "no-such-service"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("service_code: ");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void injectionStringsAreStoredInertAndNeverBreakTheResponse() {
        String sql = "'); drop table requests.service_request; -- \" or 1=1";
        Map<String, String> form = with("description", sql);
        form.put("address_string", "1 O'Brien Road; select pg_sleep(5); --");
        HttpResponse<String> created = post("json", form);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String id = Open311Conformance.json(created.body()).get(0).get("service_request_id").asText();
        JsonNode request = Open311Conformance.validJson(client.get("/open311/v2/requests/" + id + ".json").body(), "requests.json").get(0);
        assertThat(request.get("description").asText()).isEqualTo(sql);
        Document xml = Open311Conformance.validXml(client.get("/open311/v2/requests/" + id + ".xml").body());
        assertThat(xml.getElementsByTagName("description").item(0).getTextContent()).isEqualTo(sql);

        int before = rows();
        for (String script : List.of("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<!-- x -->",
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>")) {
            HttpResponse<String> refused = post("xml", with("description", script));
            assertThat(refused.statusCode()).as(script).isEqualTo(400);
            Open311Conformance.validXml(refused.body());
            assertThat(refused.body()).doesNotContain("<script", "<img", "ENTITY");
        }
        HttpResponse<String> oddId = client.get("/open311/v2/requests/RBC-'%20or%201=1--.json");
        assertThat(oddId.statusCode()).isEqualTo(404);
        Open311Conformance.json(oddId.body());
        // an encoded semicolon is refused by the firewall before any handler, still in Open311's format
        HttpResponse<String> semicolon = client.get("/open311/v2/requests/RBC-'%3B--.json");
        assertThat(semicolon.statusCode()).isEqualTo(400);
        assertThat(Open311Conformance.json(semicolon.body()).get(0).get("code").asInt()).isEqualTo(400);
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void anUnknownRequestIs404InOpen311Format() {
        HttpResponse<String> json = client.get("/open311/v2/requests/RBC-2222-2222.json");
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(Open311Conformance.json(json.body()).get(0).get("code").asInt()).isEqualTo(404);
        HttpResponse<String> xml = client.get("/open311/v2/requests/RBC-2222-2222.xml");
        assertThat(xml.statusCode()).isEqualTo(404);
        assertThat(Open311Conformance.validXml(xml.body()).getDocumentElement().getTagName()).isEqualTo("errors");
    }

    /** Collects the events the requests module publishes, as another module's listener would receive them. */
    @TestConfiguration
    static class SubmittedEvents {

        static final Queue<RequestSubmitted> RECEIVED = new ConcurrentLinkedQueue<>();

        /** Comments received through Open311 servicerequestupdates (Open311UpdatesTest shares this context). */
        static final Queue<org.civitas.requests.CaseCommentReceived> COMMENTS = new ConcurrentLinkedQueue<>();

        @EventListener
        void on(RequestSubmitted event) {
            RECEIVED.add(event);
        }

        @EventListener
        void on(org.civitas.requests.CaseCommentReceived event) {
            COMMENTS.add(event);
        }
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> form = pothole();
        form.put(name, value);
        return form;
    }

    private static Map<String, String> without(String... names) {
        Map<String, String> form = pothole();
        for (String name : names) {
            form.remove(name);
        }
        return form;
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }

    private static String text(Element parent, String name) {
        return children(parent).stream().filter(e -> e.getTagName().equals(name)).findFirst().orElseThrow().getTextContent();
    }
}

package org.civitas.requests.open311;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.civitas.CivitasTest;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import static org.assertj.core.api.Assertions.assertThat;

/** Open311 GET requests with the specification's filters, in both formats. */
@CivitasTest
class Open311RequestListTest {

    @LocalServerPort
    int port;

    WebSession client;

    @BeforeEach
    void client() {
        client = new WebSession(port);
    }

    private String submit(String serviceCode, Map<String, String> answers) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", CivitasTest.DEMO_API_KEY);
        form.put("service_code", serviceCode);
        form.put("lat", "51.46");
        form.put("long", "-0.30");
        form.putAll(answers);
        HttpResponse<String> created = client.postRaw("/open311/v2/requests.json", "application/x-www-form-urlencoded", WebSession.form(form));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return Open311Conformance.json(created.body()).get(0).get("service_request_id").asText();
    }

    private String pothole() {
        return submit("pothole", Map.of("attribute[size]", "small", "attribute[surface]", "road"));
    }

    private String streetLight() {
        return submit("street-light", Map.of("attribute[fault]", "out"));
    }

    private List<String> ids(String query) {
        HttpResponse<String> response = client.get("/open311/v2/requests.json" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode requests = Open311Conformance.json(response.body());
        assertThat(requests.isArray()).isTrue();
        if (!requests.isEmpty()) {
            Open311Conformance.validJson(response.body(), "requests.json");
        }
        List<String> ids = new ArrayList<>();
        requests.forEach(request -> ids.add(request.get("service_request_id").asText()));
        return ids;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void theDefaultWindowListsRecentRequestsNewestFirstInBothFormats() {
        String first = pothole();
        String second = streetLight();
        String third = pothole();
        List<String> ids = ids("");
        assertThat(ids).contains(first, second, third);
        assertThat(ids.indexOf(third)).isLessThan(ids.indexOf(second));
        assertThat(ids.indexOf(second)).isLessThan(ids.indexOf(first));
        assertThat(ids).hasSizeLessThanOrEqualTo(1000);
        assertThat(ids("?service_code=&status=&start_date=&end_date=")).contains(first, second, third);

        HttpResponse<String> xml = client.get("/open311/v2/requests.xml");
        assertThat(xml.statusCode()).isEqualTo(200);
        Element root = Open311Conformance.validXml(xml.body()).getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("service_requests");
        for (Node node = root.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                assertThat(element.getTagName()).isEqualTo("request");
            }
        }
        assertThat(xml.body()).contains("<service_request_id>" + third + "</service_request_id>");
    }

    @Test
    void serviceRequestIdsOverrideEveryOtherFilter() {
        String first = pothole();
        pothole();
        String third = streetLight();
        assertThat(ids("?service_request_id=" + first + "," + third.toLowerCase() + "&service_code=graffiti&status=closed"))
                .containsExactly(third, first);
        assertThat(ids("?service_request_id=RBC-2222-2222")).isEmpty();
    }

    @Test
    void serviceCodeStatusAndDatesFilter() {
        String light = streetLight();
        String hole = pothole();
        assertThat(ids("?service_code=street-light")).contains(light).doesNotContain(hole);
        assertThat(ids("?service_code=street-light,pothole")).contains(light, hole);
        assertThat(ids("?status=open")).contains(light, hole);
        assertThat(ids("?status=closed")).doesNotContain(light, hole);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(1));
        assertThat(ids("?start_date=" + encode(now.minusDays(1).toString()) + "&end_date=" + encode(now.plusDays(1).toString())))
                .contains(light, hole);
        assertThat(ids("?start_date=" + encode(now.plusDays(1).toString()))).doesNotContain(light, hole);
        assertThat(ids("?end_date=" + encode(now.minusDays(1).toString()))).doesNotContain(light, hole);
    }

    @Test
    void badFiltersGetAnOpen311ErrorNamingTheField() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("start_date", "?start_date=2026-03-10T14:30:00");
        cases.put("end_date", "?end_date=tomorrow");
        cases.put("end_date ", "?start_date=2026-01-01T00:00:00Z&end_date=" + encode("2026-04-02T00:00:00+00:00"));
        cases.put("end_date  ", "?start_date=2026-03-01T00:00:00Z&end_date=2026-02-01T00:00:00Z");
        cases.put("status", "?status=pending");
        cases.forEach((field, query) -> {
            for (String format : List.of("json", "xml")) {
                HttpResponse<String> response = client.get("/open311/v2/requests." + format + query);
                assertThat(response.statusCode()).as("%s %s", query, response.body()).isEqualTo(400);
                assertThat(response.body()).contains(field.trim() + ": ");
                if (format.equals("json")) {
                    assertThat(Open311Conformance.json(response.body()).get(0).get("code").asInt()).isEqualTo(400);
                } else {
                    assertThat(Open311Conformance.validXml(response.body()).getDocumentElement().getTagName()).isEqualTo("errors");
                }
            }
        });
        // years Java reads but no service has to do with: refused before any date arithmetic, naming the rule
        for (String query : List.of("?start_date=" + encode("+999999999-12-31T23:59:59-18:00"),
                "?end_date=" + encode("-999999999-01-01T00:00:00+18:00"), "?start_date=0001-01-01T00:00:00Z&end_date=0001-02-01T00:00:00Z",
                "?end_date=" + encode("+10000-01-01T00:00:00Z"))) {
            HttpResponse<String> response = client.get("/open311/v2/requests.json" + query);
            assertThat(response.statusCode()).as("%s %s", query, response.body()).isEqualTo(400);
            assertThat(Open311Conformance.json(response.body()).get(0).get("description").asText()).as(query)
                    .matches("(start|end)_date: Enter a date and time in a year from 1900 to 2200");
        }
        // exactly 90 days is allowed
        assertThat(client.get("/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-04-01T00:00:00Z")
                .statusCode()).isEqualTo(200);
    }
}

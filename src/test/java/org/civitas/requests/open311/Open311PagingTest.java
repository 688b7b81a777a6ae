package org.civitas.requests.open311;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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

/** The page / page_size extension on Open311 GET requests: stable pages, bad values refused naming the field. */
@CivitasTest
class Open311PagingTest {

    @LocalServerPort
    int port;

    WebSession client;

    @BeforeEach
    void client() {
        client = new WebSession(port);
    }

    private String pothole() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", CivitasTest.DEMO_API_KEY);
        form.put("service_code", "pothole");
        form.put("lat", "51.46");
        form.put("long", "-0.30");
        form.put("attribute[size]", "small");
        form.put("attribute[surface]", "road");
        HttpResponse<String> created = client.postRaw("/open311/v2/requests.json", "application/x-www-form-urlencoded",
                WebSession.form(form));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return Open311Conformance.json(created.body()).get(0).get("service_request_id").asText();
    }

    private List<String> ids(String query) {
        HttpResponse<String> response = client.get("/open311/v2/requests.json" + query);
        assertThat(response.statusCode()).as("%s: %s", query, response.body()).isEqualTo(200);
        JsonNode requests = Open311Conformance.json(response.body());
        assertThat(requests.isArray()).isTrue();
        if (!requests.isEmpty()) {
            Open311Conformance.validJson(response.body(), "requests.json");
        }
        List<String> ids = new ArrayList<>();
        requests.forEach(request -> ids.add(request.get("service_request_id").asText()));
        return ids;
    }

    /** Five new requests, newest first as the server lists them, and a filter that selects only them. */
    private record Five(List<String> newestFirst, String filter) {
    }

    private Five five() {
        String since = URLEncoder.encode(Instant.now().minusMillis(1).toString(), StandardCharsets.UTF_8);
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(pothole());
        }
        String filter = "?service_code=pothole&start_date=" + since;
        List<String> all = ids(filter);
        assertThat(all).containsExactlyInAnyOrderElementsOf(made);
        return new Five(all, filter);
    }

    @Test
    void pagesSplitTheListInItsStableOrder() {
        Five five = five();
        List<String> all = five.newestFirst();
        assertThat(ids(five.filter() + "&page_size=2")).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(ids(five.filter() + "&page_size=2&page=1")).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(ids(five.filter() + "&page_size=2&page=2")).containsExactlyElementsOf(all.subList(2, 4));
        assertThat(ids(five.filter() + "&page_size=2&page=3")).containsExactlyElementsOf(all.subList(4, 5));
        assertThat(ids(five.filter() + "&page_size=2&page=4")).isEmpty();
        assertThat(ids(five.filter() + "&page=2")).isEmpty();
        assertThat(ids(five.filter() + "&page=2147483647&page_size=1000")).isEmpty();
        assertThat(ids(five.filter() + "&page_size=1000")).containsExactlyElementsOf(all);
        assertThat(ids(five.filter() + "&page=&page_size=")).containsExactlyElementsOf(all);
        assertThat(ids(five.filter() + "&page=+3&page_size=%202")).containsExactlyElementsOf(all.subList(4, 5));
        // the same query twice gives the same page
        assertThat(ids(five.filter() + "&page_size=3&page=2")).containsExactlyElementsOf(ids(five.filter() + "&page_size=3&page=2"));
    }

    @Test
    void pagesApplyToAServiceRequestIdListAndToXml() {
        Five five = five();
        List<String> all = five.newestFirst();
        String list = "?service_request_id=" + String.join(",", all);
        assertThat(ids(list)).containsExactlyElementsOf(all);
        assertThat(ids(list + "&page_size=2&page=2")).containsExactlyElementsOf(all.subList(2, 4));
        assertThat(ids(list + "&page_size=4&page=2")).containsExactlyElementsOf(all.subList(4, 5));
        assertThat(ids(list + "&page=3&page_size=4")).isEmpty();

        HttpResponse<String> xml = client.get("/open311/v2/requests.xml" + five.filter() + "&page_size=1&page=2");
        assertThat(xml.statusCode()).as(xml.body()).isEqualTo(200);
        Element root = Open311Conformance.validXml(xml.body()).getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("service_requests");
        List<Element> requests = new ArrayList<>();
        for (Node node = root.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                requests.add(element);
            }
        }
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getTagName()).isEqualTo("request");
        assertThat(xml.body()).contains("<service_request_id>" + all.get(1) + "</service_request_id>");
    }

    @Test
    void badPageValuesGetAnOpen311ErrorNamingTheField() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("?page=0", "page");
        cases.put("?page=-1", "page");
        cases.put("?page=abc", "page");
        cases.put("?page=1.5", "page");
        cases.put("?page=99999999999", "page");
        cases.put("?page=2147483648", "page");
        cases.put("?page=1e3", "page");
        cases.put("?page_size=0", "page_size");
        cases.put("?page_size=1001", "page_size");
        cases.put("?page_size=-5", "page_size");
        cases.put("?page_size=ten", "page_size");
        cases.put("?page_size=%27%20or%201%3D1--", "page_size");
        cases.put("?service_request_id=RBC-2222-2222&page=0", "page");
        cases.put("?service_request_id=RBC-2222-2222&page_size=5000", "page_size");
        cases.forEach((query, field) -> {
            for (String format : List.of("json", "xml")) {
                HttpResponse<String> response = client.get("/open311/v2/requests." + format + query);
                assertThat(response.statusCode()).as("%s %s", query, response.body()).isEqualTo(400);
                assertThat(response.body()).as(query).contains(field + ": ");
                if (format.equals("json")) {
                    JsonNode errors = Open311Conformance.json(response.body());
                    assertThat(errors.isArray()).isTrue();
                    assertThat(errors.get(0).get("code").asInt()).isEqualTo(400);
                } else {
                    assertThat(Open311Conformance.validXml(response.body()).getDocumentElement().getTagName()).isEqualTo("errors");
                }
            }
        });
        HttpResponse<String> both = client.get("/open311/v2/requests.json?page=0&page_size=0");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("page: ", "page_size: ");
    }
}

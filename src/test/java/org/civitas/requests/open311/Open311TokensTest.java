package org.civitas.requests.open311;

import java.net.http.HttpResponse;
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

/** Open311 GET tokens/{token}: a batch service's token leads to its service_request_id, in both formats. */
@CivitasTest
class Open311TokensTest {

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    WebSession client;

    @BeforeEach
    void client() {
        client = new WebSession(port);
    }

    private String bulkyWasteToken() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", CivitasTest.DEMO_API_KEY);
        form.put("service_code", "bulky-waste");
        form.put("address_string", "3 Mill Lane");
        form.put("attribute[items][]", "sofa");
        form.put("attribute[item_count]", "1");
        // a collection is arranged with the resident: the service refuses anonymous requests on every channel
        form.put("first_name", "Ann");
        form.put("phone", "01632 960 001");
        HttpResponse<String> created = client.postRaw("/open311/v2/requests.json", "application/x-www-form-urlencoded",
                WebSession.form(form));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return Open311Conformance.json(created.body()).get(0).get("token").asText();
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

    @Test
    void aTokenLeadsToItsServiceRequestIdInJson() {
        String token = bulkyWasteToken();
        HttpResponse<String> response = client.get("/open311/v2/tokens/" + token + ".json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("json");
        JsonNode body = Open311Conformance.json(response.body());
        assertThat(body.isArray()).isTrue();
        assertThat(body).hasSize(1);
        JsonNode entry = body.get(0);
        assertThat(entry.get("token").asText()).isEqualTo(token);
        String id = entry.get("service_request_id").asText();
        assertThat(id).matches("[A-Z]+-[0-9A-Z]{4}-[0-9A-Z]{4}");

        // a bulky-waste booking is private (issue 12): only a key that may read cases finds it
        HttpResponse<String> request = client.get("/open311/v2/requests/" + id + ".json?api_key=" + CivitasTest.DEMO_API_KEY);
        assertThat(request.statusCode()).as(request.body()).isEqualTo(200);
        Open311Conformance.validJson(request.body(), "requests.json");
        assertThat(Open311Conformance.json(request.body()).get(0).get("service_code").asText()).isEqualTo("bulky-waste");
    }

    @Test
    void aTokenLeadsToItsServiceRequestIdInXml() {
        String token = bulkyWasteToken();
        HttpResponse<String> response = client.get("/open311/v2/tokens/" + token + ".xml?jurisdiction_id=");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Element root = Open311Conformance.validXml(response.body()).getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("service_requests");
        List<Element> requests = children(root);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getTagName()).isEqualTo("request");
        List<Element> fields = children(requests.get(0));
        assertThat(fields.stream().map(Element::getTagName)).containsExactly("service_request_id", "token");
        assertThat(fields.get(0).getTextContent()).isNotBlank();
        assertThat(fields.get(1).getTextContent()).isEqualTo(token);
    }

    @Test
    void anUnknownTokenIsAnOpen311NotFoundInBothFormats() {
        for (String token : List.of("00000000-0000-0000-0000-000000000000", "not-a-token", "x".repeat(300), "%27%20or%201%3D1--")) {
            HttpResponse<String> json = client.get("/open311/v2/tokens/" + token + ".json");
            assertThat(json.statusCode()).as("%s: %s", token, json.body()).isEqualTo(404);
            JsonNode errors = Open311Conformance.json(json.body());
            assertThat(errors.isArray()).isTrue();
            assertThat(errors.get(0).get("code").asInt()).isEqualTo(404);
            assertThat(errors.get(0).get("description").asText()).contains("token");

            HttpResponse<String> xml = client.get("/open311/v2/tokens/" + token + ".xml");
            assertThat(xml.statusCode()).as("%s: %s", token, xml.body()).isEqualTo(404);
            Element root = Open311Conformance.validXml(xml.body()).getDocumentElement();
            assertThat(root.getTagName()).isEqualTo("errors");
            assertThat(children(root).get(0).getTagName()).isEqualTo("error");
        }
    }

    @Test
    void aRealtimeRequestHasNoToken() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", CivitasTest.DEMO_API_KEY);
        form.put("service_code", "pothole");
        form.put("address_string", "12 River Street");
        form.put("attribute[size]", "large");
        form.put("attribute[depth]", "8");
        form.put("attribute[surface]", "road");
        JsonNode services = Open311Conformance.json(client.get("/open311/v2/services.json").body());
        assertThat(services.findValues("service_code").stream().map(JsonNode::asText).toList()).contains("pothole");
        for (JsonNode service : services) {
            if (service.get("service_code").asText().equals("pothole")) {
                assertThat(service.get("type").asText()).as("pothole is a realtime service").isEqualTo("realtime");
            }
        }
        HttpResponse<String> created = client.postRaw("/open311/v2/requests.json", "application/x-www-form-urlencoded",
                WebSession.form(form));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode entry = Open311Conformance.json(created.body()).get(0);
        // realtime: the id at once, and no token to look it up by (the specification gives batch services a token instead)
        assertThat(entry.has("token")).as(created.body()).isFalse();
        String id = entry.get("service_request_id").asText();
        assertThat(id).matches("[A-Z]+-[0-9A-Z]{4}-[0-9A-Z]{4}");
        assertThat(jdbc.sql("select token from requests.service_request where reference = ?").param(id).query(String.class)
                .optional()).as("no token is stored for a realtime request, so none can lead to it").isEmpty();

        HttpResponse<String> xml = client.postRaw("/open311/v2/requests.xml", "application/x-www-form-urlencoded", WebSession.form(form));
        assertThat(xml.statusCode()).as(xml.body()).isEqualTo(200);
        List<Element> fields = children(children(Open311Conformance.validXml(xml.body()).getDocumentElement()).get(0));
        assertThat(fields.stream().map(Element::getTagName)).contains("service_request_id").doesNotContain("token");
    }

    @Test
    void anUnknownJurisdictionOrFormatIsRefusedForAToken() {
        String token = bulkyWasteToken();
        HttpResponse<String> response = client.get("/open311/v2/tokens/" + token + ".json?jurisdiction_id=elsewhere.example");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(Open311Conformance.json(response.body()).get(0).get("description").asText()).contains("jurisdiction");
        assertThat(client.get("/open311/v2/tokens/" + token + ".csv").statusCode()).isEqualTo(404);
    }
}

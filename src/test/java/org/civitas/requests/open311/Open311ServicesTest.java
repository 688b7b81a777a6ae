package org.civitas.requests.open311;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.civitas.CivitasTest;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import static org.assertj.core.api.Assertions.assertThat;

/** Open311 GeoReport v2 discovery, service list and service definitions, in both formats. */
@CivitasTest
class Open311ServicesTest {

    @LocalServerPort
    int port;

    @Test
    void theServiceListInJsonIsAnArrayThatMeetsTheSchema() {
        HttpResponse<String> response = get("/open311/v2/services.json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode services = Open311Conformance.validJson(response.body(), "services.json");
        assertThat(services.isArray()).isTrue();
        assertThat(services.size()).isGreaterThanOrEqualTo(10);
        JsonNode pothole = find(services, "pothole");
        assertThat(pothole.get("service_name").asText()).isEqualTo("Pothole");
        assertThat(pothole.get("metadata").asBoolean()).isTrue();
        assertThat(pothole.get("type").asText()).isEqualTo("realtime");
        assertThat(pothole.get("group").asText()).isNotBlank();
        assertThat(pothole.get("keywords").asText()).contains(", ");
        for (JsonNode service : services) {
            assertThat(Open311Conformance.validJson(service.toString(), "service.json")).isNotNull();
        }
    }

    @Test
    void theServiceListInXmlHasTheSpecificationsElements() {
        HttpResponse<String> response = get("/open311/v2/services.xml");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
        Document xml = Open311Conformance.validXml(response.body());
        Element root = xml.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("services");
        List<Element> services = children(root);
        assertThat(services).isNotEmpty().allSatisfy(service -> {
            assertThat(service.getTagName()).isEqualTo("service");
            assertThat(children(service).stream().map(Element::getTagName))
                    .containsExactly("service_code", "service_name", "description", "metadata", "type", "keywords", "group");
        });
    }

    @Test
    void aServiceDefinitionListsItsQuestionsInOrderWithTheirValues() {
        HttpResponse<String> json = get("/open311/v2/services/pothole.json");
        assertThat(json.statusCode()).isEqualTo(200);
        JsonNode definition = Open311Conformance.validJson(json.body(), "service-definition.json");
        assertThat(definition.get("service_code").asText()).isEqualTo("pothole");
        JsonNode attributes = definition.get("attributes");
        assertThat(attributes.size()).isGreaterThanOrEqualTo(2);
        int previous = 0;
        for (JsonNode attribute : attributes) {
            assertThat(attribute.get("order").asInt()).isGreaterThan(previous);
            previous = attribute.get("order").asInt();
            String datatype = attribute.get("datatype").asText();
            if (datatype.endsWith("valuelist")) {
                assertThat(attribute.get("values").size()).isPositive();
            }
        }

        Document xml = Open311Conformance.validXml(get("/open311/v2/services/pothole.xml").body());
        Element root = xml.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("service_definition");
        assertThat(children(root).stream().map(Element::getTagName)).containsExactly("service_code", "attributes");
        Element firstAttribute = children(children(root).get(1)).get(0);
        assertThat(firstAttribute.getTagName()).isEqualTo("attribute");
        assertThat(children(firstAttribute).stream().map(Element::getTagName))
                .startsWith("variable", "code", "datatype", "required", "datatype_description", "order", "description");
    }

    @Test
    void everyLiveServiceHasADefinitionThatMeetsTheSchema() {
        JsonNode services = Open311Conformance.validJson(get("/open311/v2/services.json").body(), "services.json");
        for (JsonNode service : services) {
            HttpResponse<String> definition = get("/open311/v2/services/" + service.get("service_code").asText() + ".json");
            assertThat(definition.statusCode()).isEqualTo(200);
            Open311Conformance.validJson(definition.body(), "service-definition.json");
        }
    }

    @Test
    void discoveryNamesTheEndpointAndBothFormats() throws Exception {
        HttpResponse<String> json = get("/open311/v2/discovery.json");
        assertThat(json.statusCode()).isEqualTo(200);
        JsonNode discovery = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.body());
        assertThat(discovery.get("changeset").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
        assertThat(discovery.get("contact").asText()).isNotBlank();
        assertThat(discovery.get("key_service").asText()).isNotBlank();
        JsonNode endpoint = discovery.get("endpoints").get(0);
        assertThat(endpoint.get("specification").asText()).isEqualTo("http://wiki.open311.org/GeoReport_v2");
        assertThat(endpoint.get("url").asText()).isEqualTo("http://localhost:" + port + "/open311/v2");
        assertThat(endpoint.get("formats").toString()).isEqualTo("[\"text/xml\",\"application/json\"]");

        Document xml = Open311Conformance.validXml(get("/open311/v2/discovery.xml").body());
        assertThat(xml.getDocumentElement().getTagName()).isEqualTo("discovery");
        assertThat(xml.getElementsByTagName("format").getLength()).isEqualTo(2);
    }

    @Test
    void jurisdictionIdIsCheckedAndAnEmptyOneCountsAsAbsent() {
        assertThat(get("/open311/v2/services.json?jurisdiction_id=riverside.example").statusCode()).isEqualTo(200);
        assertThat(get("/open311/v2/services.json?jurisdiction_id=").statusCode()).isEqualTo(200);
        HttpResponse<String> other = get("/open311/v2/services.json?jurisdiction_id=elsewhere.example");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).startsWith("[").contains("\"code\":404").contains("jurisdiction_id");
        HttpResponse<String> otherXml = get("/open311/v2/services/pothole.xml?jurisdiction_id=elsewhere.example");
        assertThat(otherXml.statusCode()).isEqualTo(404);
        Document xml = Open311Conformance.validXml(otherXml.body());
        assertThat(xml.getDocumentElement().getTagName()).isEqualTo("errors");
        assertThat(xml.getElementsByTagName("error").getLength()).isEqualTo(1);
    }

    @Test
    void unknownServicesFormatsAndRoutesAreOpen311Errors() {
        HttpResponse<String> unknown = get("/open311/v2/services/no-such-service.json");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).startsWith("[{\"code\":404,\"description\":");
        assertThat(get("/open311/v2/services.html").statusCode()).isEqualTo(404);
        HttpResponse<String> route = get("/open311/v2/nothing-here.xml");
        assertThat(route.statusCode()).isEqualTo(404);
        assertThat(Open311Conformance.validXml(route.body()).getDocumentElement().getTagName()).isEqualTo("errors");
        HttpResponse<String> routeJson = get("/open311/v2/nothing-here.json");
        assertThat(routeJson.statusCode()).isEqualTo(404);
        assertThat(routeJson.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(routeJson.body()).startsWith("[{\"code\":404");
    }

    @Test
    void textIsEscapedInXml() {
        String body = get("/open311/v2/services.xml").body();
        assertThat(body).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        Open311Conformance.validXml(body); // would fail on a bare & or < from a service's name or description
    }

    private HttpResponse<String> get(String path) {
        return new WebSession(port).get(path);
    }

    private static JsonNode find(JsonNode services, String code) {
        for (JsonNode service : services) {
            if (service.get("service_code").asText().equals(code)) {
                return service;
            }
        }
        throw new AssertionError("no service " + code + " in " + services);
    }

    static List<Element> children(Node node) {
        List<Element> elements = new ArrayList<>();
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }
}

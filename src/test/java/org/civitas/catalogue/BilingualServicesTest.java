package org.civitas.catalogue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.civitas.CivitasTest;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's words in English and Welsh (issue 20, decision 0022), over real HTTP: the native API
 * takes and gives both, publishing needs both (the body offers en,cy by default), Open311 answers in
 * the language of Accept-Language, and the resident's pages show the words of the page's language.
 */
@CivitasTest
class BilingualServicesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    Services services;

    private static final String ENGLISH_ONLY = """
            {"code":"%s","name":"Broken bench","description":"Report a broken bench in a park.",
             "group":"Parks and trees","keywords":["bench"],"type":"realtime","team":"highways",
             "sla":{"amount":5,"unit":"working_days"},
             "questions":[
              {"code":"damage","datatype":"singlevaluelist","required":true,"description":"What is wrong with it?",
               "datatypeDescription":"Choose the one that fits best",
               "values":[{"key":"seat","name":"The seat is broken"},{"key":"legs","name":"A leg is broken"}]}]}""";

    private static final String BOTH = """
            {"code":"%s","name":"Broken bench","nameCy":"Mainc wedi torri",
             "description":"Report a broken bench in a park.","descriptionCy":"Rhoi gwybod am fainc wedi torri mewn parc.",
             "group":"Parks and trees","keywords":["bench"],"type":"realtime","team":"highways",
             "sla":{"amount":5,"unit":"working_days"},
             "questions":[
              {"code":"damage","datatype":"singlevaluelist","required":true,"description":"What is wrong with it?",
               "descriptionCy":"Beth sydd o’i le arni?",
               "datatypeDescription":"Choose the one that fits best","datatypeDescriptionCy":"Dewiswch yr un sy’n gweddu orau",
               "values":[{"key":"seat","name":"The seat is broken","nameCy":"Mae’r sedd wedi torri"},
                         {"key":"legs","name":"A leg is broken","nameCy":"Mae coes wedi torri"}]}]}""";

    @Test
    void publishingWithoutTheWelshIsRefusedNamingEachMissingWordAndADraftMayGoWithout() {
        WebSession admin = staff();
        HttpResponse<String> draft = post(admin, "/api/v1/services", ENGLISH_ONLY.formatted("bench-en"));
        assertThat(draft.statusCode()).as("a draft may be incomplete").isEqualTo(201);
        assertThat(draft.body()).contains("\"nameCy\":null");

        HttpResponse<String> refused = post(admin, "/api/v1/services/bench-en/publish", "");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(fields(refused)).containsExactly("nameCy", "descriptionCy", "questions[0].descriptionCy",
                "questions[0].datatypeDescriptionCy", "questions[0].values[0].nameCy", "questions[0].values[1].nameCy");
        assertThat(refused.body()).contains("Enter the service name in Welsh").contains("Enter the question in Welsh");
        assertThat(services.liveByCode("bench-en")).as("nothing published").isEmpty();

        assertThat(put(admin, "/api/v1/services/bench-en", BOTH.formatted("bench-en")).statusCode()).isEqualTo(200);
        assertThat(post(admin, "/api/v1/services/bench-en/publish", "").statusCode()).isEqualTo(200);
        assertThat(services.liveByCode("bench-en")).isPresent();

        // a live service's new version is published at once: it needs the Welsh too, and nothing is written without it
        HttpResponse<String> newVersion = put(admin, "/api/v1/services/bench-en",
                BOTH.formatted("bench-en").replace("\"descriptionCy\":\"Beth sydd o’i le arni?\",", "")
                        .replace("What is wrong with it?", "What is wrong with the bench?"));
        assertThat(newVersion.statusCode()).isEqualTo(422);
        assertThat(fields(newVersion)).containsExactly("questions[0].descriptionCy");
        assertThat(services.byCode("bench-en").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void theNativeApiTakesAndGivesBothLanguages() throws Exception {
        WebSession admin = staff();
        HttpResponse<String> created = post(admin, "/api/v1/services", BOTH.formatted("bench-both"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(post(admin, "/api/v1/services/bench-both/publish", "").statusCode()).isEqualTo(200);

        JsonNode detail = JSON.readTree(admin.get("/api/v1/services/bench-both").body());
        assertThat(detail.path("name").asString()).isEqualTo("Broken bench");
        assertThat(detail.path("nameCy").asString()).isEqualTo("Mainc wedi torri");
        assertThat(detail.path("descriptionCy").asString()).isEqualTo("Rhoi gwybod am fainc wedi torri mewn parc.");
        JsonNode question = detail.path("questions").get(0);
        assertThat(question.path("description").asString()).isEqualTo("What is wrong with it?");
        assertThat(question.path("descriptionCy").asString()).isEqualTo("Beth sydd o’i le arni?");
        assertThat(question.path("datatypeDescriptionCy").asString()).isEqualTo("Dewiswch yr un sy’n gweddu orau");
        assertThat(question.path("values").get(1).path("nameCy").asString()).isEqualTo("Mae coes wedi torri");
        JsonNode version = JSON.readTree(admin.get("/api/v1/services/bench-both/versions/1").body());
        assertThat(version.path("nameCy").asString()).isEqualTo("Mainc wedi torri");
        assertThat(JSON.readTree(admin.get("/api/v1/services").body()).findValuesAsString("nameCy")).contains("Mainc wedi torri");

        // and the catalogue's own API reads them in the reader's language, English when there is no Welsh
        Service service = services.byCode("bench-both").orElseThrow();
        assertThat(service.name().in(java.util.Locale.forLanguageTag("cy"))).isEqualTo("Mainc wedi torri");
        assertThat(service.name().in(java.util.Locale.UK)).isEqualTo("Broken bench");
        assertThat(Text.of("Only English").in(java.util.Locale.forLanguageTag("cy"))).isEqualTo("Only English");
    }

    @Test
    void open311AnswersInTheLanguageAskedFor() throws Exception {
        WebSession client = new WebSession(port);
        JsonNode welsh = JSON.readTree(client.get("/open311/v2/services.json", "Accept-Language", "cy").body());
        JsonNode pothole = service(welsh, "pothole");
        assertThat(pothole.path("service_name").asString()).isEqualTo("Twll yn y ffordd");
        assertThat(pothole.path("description").asString()).startsWith("Rhoi gwybod am dwll");
        assertThat(service(JSON.readTree(client.get("/open311/v2/services.json", "Accept-Language", "cy-GB, en;q=0.5").body()),
                "street-light").path("service_name").asString()).isEqualTo("Golau stryd wedi torri");

        for (String english : new String[] {null, "en-GB", "fr, de;q=0.8", "en, cy;q=0.5", "not a language;;"}) {
            HttpResponse<String> response = english == null ? client.get("/open311/v2/services.json")
                    : client.get("/open311/v2/services.json", "Accept-Language", english);
            assertThat(response.statusCode()).as(english).isEqualTo(200);
            assertThat(service(JSON.readTree(response.body()), "pothole").path("service_name").asString()).as(english).isEqualTo("Pothole");
        }

        HttpResponse<String> definition = client.get("/open311/v2/services/pothole.json", "Accept-Language", "cy");
        assertThat(definition.headers().allValues("Vary").toString()).contains("Accept-Language");
        JsonNode size = JSON.readTree(definition.body()).path("attributes").get(0);
        assertThat(size.path("description").asString()).isEqualTo("Pa mor fawr yw’r twll?");
        assertThat(size.path("datatype_description").asString()).isEqualTo("Cymharwch ef â phlât cinio, tua 25 cm ar ei draws");
        assertThat(size.path("values").get(0).path("name").asString()).isEqualTo("Llai na phlât cinio");
        assertThat(client.get("/open311/v2/services/pothole.xml", "Accept-Language", "cy").body()).contains("<name>Llai na phlât cinio</name>");
        assertThat(client.get("/open311/v2/services/pothole.json").body()).contains("How big is the pothole?").doesNotContain("Pa mor fawr");
    }

    @Test
    void theResidentsPagesShowTheServicesWordsInThePagesLanguage() {
        WebSession resident = new WebSession(port);
        assertThat(resident.get("/", "Accept-Language", "cy").body()).contains("Twll yn y ffordd").contains("Tipio anghyfreithlon")
                .doesNotContain(">Pothole<");
        assertThat(resident.get("/?q=twll", "Accept-Language", "cy").body()).as("a Welsh search finds the Welsh name")
                .contains("href=\"/report/pothole\"");
        String start = resident.get("/report/pothole", "Accept-Language", "cy").body();
        assertThat(start).contains("<h1 class=\"govuk-heading-l\">Twll yn y ffordd</h1>").contains("Rhoi gwybod am dwll");
        assertThat(resident.get("/report/pothole").body()).contains("<h1 class=\"govuk-heading-l\">Pothole</h1>");
    }

    // ---- helpers ----

    private WebSession staff() {
        WebSession session = new WebSession(port);
        session.signIn("admin@riverside.example", CivitasTest.DEMO_PASSWORD);
        session.get("/account");
        return session;
    }

    private static HttpResponse<String> post(WebSession session, String path, String json) {
        return session.postRaw(path, "application/json", json, "X-CSRF-TOKEN", session.csrfToken());
    }

    private static HttpResponse<String> put(WebSession session, String path, String json) {
        return session.send(session.request(path).header("Content-Type", "application/json").header("X-CSRF-TOKEN", session.csrfToken())
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static List<String> fields(HttpResponse<String> problem) {
        List<String> fields = new ArrayList<>();
        JSON.readTree(problem.body()).path("errors").forEach(error -> fields.add(error.path("field").asString()));
        return fields;
    }

    private static JsonNode service(JsonNode list, String code) {
        for (JsonNode service : list) {
            if (code.equals(service.path("service_code").asString())) {
                return service;
            }
        }
        throw new AssertionError("no service " + code);
    }
}

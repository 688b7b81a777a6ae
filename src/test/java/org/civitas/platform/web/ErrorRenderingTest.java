package org.civitas.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.civitas.CivitasTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;

import tools.jackson.databind.json.JsonMapper;

/** Every surface answers errors in its own format, and never with a stack trace. */
@CivitasTest
@Import(WebTestSupport.class)
@ExtendWith(OutputCaptureExtension.class)
class ErrorRenderingTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    WebTestSupport.Recorder recorder;

    WebClient web;

    @BeforeEach
    void client() {
        web = new WebClient(port);
        recorder.reset();
    }

    // Unknown addresses are tried where everyone may go: elsewhere the security chain answers first.
    @ParameterizedTest
    @CsvSource({"/test-only/no-such-page", "/assets/no-such-file.css", "/assets/govuk/no-such-file.js"})
    void unknownPageIsAGovukPageNotFound(String path) {
        HttpResponse<String> response = web.get(path, "Accept", "text/html");

        assertThat(response.statusCode()).isEqualTo(404);
        assertPage(response, "Page not found");
        assertThat(response.body()).contains("If you typed the web address, check it is correct.");
        assertThat(response.headers().firstValue("Cache-Control"))
                .as("a 404 is not cached for a year").hasValueSatisfying(value -> assertThat(value).doesNotContain("immutable"));
    }

    @Test
    void unknownApiAddressIsAProblemDocument() {
        HttpResponse<String> response = web.get("/api/test-only/no-such-thing", "Accept", "text/html");

        Map<String, Object> problem = assertProblem(response, 404);
        assertThat(problem).containsEntry("title", "Not Found")
                .containsEntry("type", "about:blank")
                .containsEntry("instance", "/api/test-only/no-such-thing")
                .containsKey("detail");
    }

    @Test
    void aClientThatAcceptsOnlyJsonGetsAProblemDocumentAnywhere() {
        HttpResponse<String> response = web.get("/test-only/no-such-page", "Accept", "application/json");

        assertThat(assertProblem(response, 404)).containsEntry("instance", "/test-only/no-such-page");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            400 | Sorry, there is a problem with what you sent
            401 | You need to sign in
            403 | You cannot see this page
            404 | Page not found
            405 | Sorry, you cannot do that on this page
            413 | The information you sent is too large
            415 | Sorry, we could not read what you sent
            429 | Sorry, there have been too many attempts
            500 | Sorry, there is a problem with the service
            503 | Sorry, the service is unavailable
            418 | Sorry, there is a problem with what you sent
            502 | Sorry, there is a problem with the service
            """)
    void everyStatusHasAPlainEnglishPage(int status, String heading) {
        HttpResponse<String> response = web.get("/test-only/status/" + status);

        assertThat(response.statusCode()).isEqualTo(status);
        assertPage(response, heading);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            400 | Bad Request
            403 | Forbidden
            404 | Not Found
            405 | Method Not Allowed
            409 | Conflict
            413 | Content Too Large
            415 | Unsupported Media Type
            500 | Internal Server Error
            503 | Service Unavailable
            """)
    void everyStatusHasAProblemDocumentOnTheApi(int status, String title) {
        HttpResponse<String> response = web.get("/api/test-only/status/" + status);

        Map<String, Object> problem = assertProblem(response, status);
        assertThat(problem).containsEntry("title", title);
        assertThat(response.body()).doesNotContain("secret reason");
    }

    @Test
    void aFailingPageSaysSorryAndRevealsNothing(CapturedOutput output) {
        org.civitas.support.ProductionLogLevels.assertCapturedAtProductionLevels();
        HttpResponse<String> response = web.get("/test-only/failure");

        assertThat(response.statusCode()).isEqualTo(500);
        assertPage(response, "Sorry, there is a problem with the service");
        assertThat(response.body()).doesNotContain("secret detail", "IllegalStateException");
        assertThat(output.getAll())
                .as("the failure is logged where it happened, without its message")
                .contains("java.lang.IllegalStateException", "/test-only/failure")
                .doesNotContain("secret detail");
    }

    @Test
    void aFailingApiCallIsA500ProblemThatRevealsNothing() {
        HttpResponse<String> response = web.get("/api/test-only/failure");

        Map<String, Object> problem = assertProblem(response, 500);
        assertThat(problem).containsEntry("title", "Internal Server Error");
        assertThat(response.body()).doesNotContain("secret detail", "IllegalStateException");
    }

    @Test
    void wrongMethodIs405OnEachSurface() {
        HttpResponse<String> page = web.get("/test-only/form");
        assertThat(page.statusCode()).isEqualTo(405);
        assertPage(page, "Sorry, you cannot do that on this page");

        HttpResponse<String> api = web.get("/api/test-only/samples");
        assertProblem(api, 405);
        assertThat(api.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("POST"));
    }

    @Test
    void wrongContentTypeIs415OnEachSurface() {
        HttpResponse<String> page = web.post("/test-only/json", "text/plain", "hello");
        assertThat(page.statusCode()).isEqualTo(415);
        assertPage(page, "Sorry, we could not read what you sent");

        HttpResponse<String> api = web.post("/api/test-only/samples", "text/plain", "hello");
        assertProblem(api, 415);
        assertThat(recorder.calls()).isZero();
    }

    @Test
    void invalidJsonValuesAreNamedWithTheRuleTheyBroke() {
        HttpResponse<String> response = web.post("/api/test-only/samples", "application/json",
                "{\"name\":\" \",\"code\":\"far-too-long\"}");

        Map<String, Object> problem = assertProblem(response, 400);
        assertThat(errors(problem)).containsExactlyInAnyOrder(
                Map.of("field", "name", "rule", "NotBlank", "message", "name must not be blank"),
                Map.of("field", "code", "rule", "Size", "message", "code must have between 0 and 5 characters or items"));
        assertThat(recorder.calls()).isZero();
    }

    @Test
    void aValueOfTheWrongTypeIsNamed() {
        HttpResponse<String> response = web.post("/api/test-only/samples", "application/json",
                "{\"name\":\"x\",\"count\":\"many\"}");

        Map<String, Object> problem = assertProblem(response, 400);
        assertThat(errors(problem)).singleElement().satisfies(error -> assertThat(error)
                .containsEntry("field", "count").containsEntry("rule", "format"));
        assertThat(response.body()).doesNotContain("tools.jackson", "Cannot deserialize");
    }

    @Test
    void brokenJsonIsA400WithoutParserDetails() {
        HttpResponse<String> response = web.post("/api/test-only/samples", "application/json", "{\"name\":");

        assertProblem(response, 400);
        assertThat(response.body()).doesNotContain("tools.jackson", "Unexpected end", "line:");
    }

    @Test
    void missingAndMistypedQueryParametersAreNamed() {
        Map<String, Object> missing = assertProblem(web.get("/api/test-only/count"), 400);
        assertThat(errors(missing)).singleElement().satisfies(error -> assertThat(error)
                .containsEntry("field", "n").containsEntry("rule", "required"));

        Map<String, Object> mistyped = assertProblem(web.get("/api/test-only/count?n=lots"), 400);
        assertThat(errors(mistyped)).singleElement().satisfies(error -> assertThat(error)
                .containsEntry("field", "n").containsEntry("rule", "type"));
    }

    @Test
    void theErrorPathItselfIsNotAPage() {
        HttpResponse<String> response = web.get("/error");

        assertThat(response.statusCode()).isEqualTo(404);
        assertPage(response, "Page not found");
    }

    static void assertPage(HttpResponse<String> response, String heading) {
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body())
                .contains("<title>" + heading + " – Riverside Borough Council</title>")
                .contains("<h1 class=\"govuk-heading-l\">" + heading + "</h1>")
                .contains("<main class=\"govuk-main-wrapper\" id=\"main-content\">")
                .doesNotContain("Exception", "at org.", "Whitelabel", "trace");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        Map<String, Object> problem = JSON.readValue(response.body(), Map.class);
        assertThat(problem).containsEntry("status", status)
                .containsKeys("type", "title", "detail")
                .doesNotContainKeys("trace", "exception", "message", "error", "path", "timestamp");
        assertThat(response.body()).doesNotContain("Exception", "at org.");
        return problem;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> errors(Map<String, Object> problem) {
        assertThat(problem).containsKey("errors");
        return (List<Map<String, Object>>) problem.get("errors");
    }
}

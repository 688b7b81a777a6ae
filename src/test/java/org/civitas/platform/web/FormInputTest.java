package org.civitas.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.civitas.CivitasTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Form input no person could have typed (invalid UTF-8, the replacement character, control
 * characters) is refused with 400 naming the field, in the format of the surface.
 */
@CivitasTest
@Import(WebTestSupport.class)
class FormInputTest {

    static final String FORM = "application/x-www-form-urlencoded";

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

    @ParameterizedTest
    @ValueSource(strings = {
            "%FF%FE",            // not UTF-8 at all
            "caf%C3",            // a sequence cut short
            "%EF%BF%BD",         // U+FFFD itself
            "%00",               // NUL
            "bell%07",           // BEL
            "esc%1Bape",         // ESC
    })
    void badCharactersInAPageFormAreRefusedNamingTheField(String encodedValue) {
        HttpResponse<String> response = web.post("/test-only/form", FORM, "name=Ann&street=" + encodedValue);

        assertThat(response.statusCode()).isEqualTo(400);
        ErrorRenderingTest.assertPage(response, "Sorry, there is a problem with what you sent");
        assertThat(response.body()).contains("The answer to ‘street’ contains a character we cannot accept.");
        assertThat(recorder.calls()).isZero();
    }

    @Test
    void rawInvalidBytesInAFormBodyAreRefusedToo() {
        byte[] body = "street=caf\u00e9".getBytes(StandardCharsets.ISO_8859_1); // é as the single byte E9
        HttpResponse<String> response = web.post("/test-only/form", FORM, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("‘street’");
        assertThat(recorder.calls()).isZero();
    }

    @Test
    void badCharactersOnTheApiAreAProblemNamingTheField() {
        HttpResponse<String> response = web.post("/api/test-only/form", FORM, "street=%C0%AF");

        Map<String, Object> problem = ErrorRenderingTest.assertProblem(response, 400);
        assertThat(ErrorRenderingTest.errors(problem)).singleElement().satisfies(error -> assertThat(error)
                .containsEntry("field", "street")
                .containsEntry("rule", "characters")
                .hasEntrySatisfying("message", message -> assertThat((String) message).startsWith("street contains")));
        assertThat(recorder.calls()).isZero();
    }

    @Test
    void badCharactersInTheQueryStringAreRefused() {
        HttpResponse<String> page = web.get("/test-only/search?q=%FF");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("The answer to ‘q’ contains a character we cannot accept.");

        HttpResponse<String> api = web.get("/api/test-only/count?n=%01");
        assertThat(ErrorRenderingTest.errors(ErrorRenderingTest.assertProblem(api, 400))).singleElement()
                .satisfies(error -> assertThat(error).containsEntry("field", "n"));
        assertThat(recorder.calls()).isZero();
    }

    @Test
    void brokenPercentEncodingIsRefused() {
        HttpResponse<String> response = web.post("/api/test-only/form", FORM, "street=100%");

        assertThat(ErrorRenderingTest.errors(ErrorRenderingTest.assertProblem(response, 400))).singleElement()
                .satisfies(error -> assertThat(error).containsEntry("field", "street").containsEntry("rule", "encoding"));
    }

    @Test
    void aBadFieldNameIsShownSafely() {
        HttpResponse<String> response = web.post("/test-only/form", FORM, "%3Cb%3E%01=x");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("‘&lt;b&gt;?’").doesNotContain("<b>");
    }

    @Test
    void whatPeopleTypeGetsThroughUnchanged() {
        String street = "Flat 2\r\n1 Rue de l’Église\tCafé ☕ 東京";
        HttpResponse<String> response = web.post("/test-only/form?from=query", FORM,
                "street=" + java.net.URLEncoder.encode(street, StandardCharsets.UTF_8) + "&tag=a&tag=b&empty=&flag");

        assertThat(response.statusCode()).isEqualTo(204);
        Map<String, String[]> form = recorder.lastForm();
        assertThat(form.get("street")).containsExactly(street);
        assertThat(form.get("tag")).containsExactly("a", "b");
        assertThat(form.get("empty")).containsExactly("");
        assertThat(form.get("flag")).containsExactly("");
        assertThat(form.get("from")).containsExactly("query");
    }

    @Test
    void multipartFieldsAreCheckedToo() {
        String boundary = "civitas-boundary";
        byte[] body = ("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"street\"\r\n\r\n"
                + "line\u0001break\r\n"
                + "--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = web.post("/test-only/multipart", "multipart/form-data; boundary=" + boundary, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("‘street’");
        assertThat(recorder.calls()).isZero();
    }

    @Test
    void goodMultipartFieldsGetThrough() {
        String boundary = "civitas-boundary";
        byte[] body = ("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"street\"\r\n\r\n"
                + "1 Rue de l’Église\r\n"
                + "--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = web.post("/test-only/multipart", "multipart/form-data; boundary=" + boundary, body);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(recorder.lastForm().get("street")).containsExactly("1 Rue de l’Église");
    }
}

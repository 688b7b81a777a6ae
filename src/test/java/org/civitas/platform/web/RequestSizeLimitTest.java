package org.civitas.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.civitas.CivitasTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/** Bodies over civitas.max-request-size (1 MB by default) are refused with 413 and reach no handler. */
@CivitasTest
@Import(WebTestSupport.class)
class RequestSizeLimitTest {

    static final int LIMIT = 1024 * 1024;

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

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedOnTheApi() {
        HttpResponse<String> response = web.post("/api/test-only/samples", "application/json", json(LIMIT + 1));

        ErrorRenderingTest.assertProblem(response, 413);
        assertThat(recorder.calls()).isZero();
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedOnAPage() {
        HttpResponse<String> response = web.post("/test-only/form", "application/x-www-form-urlencoded", form(LIMIT + 1));

        assertThat(response.statusCode()).isEqualTo(413);
        ErrorRenderingTest.assertPage(response, "The information you sent is too large");
        assertThat(response.body()).contains("You can send up to 1 MB at a time.");
        assertThat(recorder.calls()).isZero();
    }

    @Test
    void aChunkedBodyThatGoesOverTheLimitIsRefusedOnTheApi() {
        byte[] body = json(LIMIT + 1);
        HttpResponse<String> response = web.postChunked("/api/test-only/samples", "application/json", () -> stream(body));

        ErrorRenderingTest.assertProblem(response, 413);
        assertThat(recorder.calls()).isZero();
    }

    @Test
    void aChunkedFormThatGoesOverTheLimitIsRefusedOnAPage() {
        byte[] body = form(LIMIT + 1);
        HttpResponse<String> response = web.postChunked("/test-only/form", "application/x-www-form-urlencoded", () -> stream(body));

        assertThat(response.statusCode()).isEqualTo(413);
        ErrorRenderingTest.assertPage(response, "The information you sent is too large");
        assertThat(recorder.calls()).isZero();
    }

    @Test
    void aChunkedPageBodyReadByTheHandlerThatGoesOverTheLimitIsRefused() {
        byte[] body = json(LIMIT + 1);
        HttpResponse<String> response = web.postChunked("/test-only/json", "application/json", () -> stream(body));

        assertThat(response.statusCode()).isEqualTo(413);
        ErrorRenderingTest.assertPage(response, "The information you sent is too large");
        assertThat(recorder.calls()).isZero();
    }

    @Test
    void bodiesUpToTheLimitAreAccepted() {
        byte[] body = json(LIMIT);
        assertThat(web.post("/api/test-only/samples", "application/json", body).statusCode()).isEqualTo(200);
        assertThat(web.postChunked("/api/test-only/samples", "application/json", () -> stream(body)).statusCode())
                .isEqualTo(200);
        byte[] form = form(LIMIT);
        assertThat(web.postChunked("/test-only/form", "application/x-www-form-urlencoded", () -> stream(form)).statusCode())
                .isEqualTo(204);
        assertThat(recorder.calls()).isEqualTo(3);
    }

    /** A valid sample of exactly {@code size} bytes. */
    static byte[] json(int size) {
        String start = "{\"name\":\"";
        String end = "\"}";
        char[] padding = new char[size - start.length() - end.length()];
        Arrays.fill(padding, 'a');
        byte[] body = (start + new String(padding) + end).getBytes(StandardCharsets.UTF_8);
        assertThat(body).hasSize(size);
        return body;
    }

    /** A form of exactly {@code size} bytes. */
    static byte[] form(int size) {
        String start = "comment=";
        char[] padding = new char[size - start.length()];
        Arrays.fill(padding, 'a');
        return (start + new String(padding)).getBytes(StandardCharsets.US_ASCII);
    }

    static InputStream stream(byte[] body) {
        return new ByteArrayInputStream(body);
    }
}

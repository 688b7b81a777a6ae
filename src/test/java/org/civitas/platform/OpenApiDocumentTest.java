package org.civitas.platform;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.civitas.CivitasTest;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document is public, names the body, and covers every /api/v1 endpoint. */
@CivitasTest
class OpenApiDocumentTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void documentsEveryNativeApiEndpoint() throws Exception {
        HttpResponse<String> response = new WebSession(port).get("/v3/api-docs");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = new ObjectMapper().readTree(response.body());
        assertThat(document.at("/info/title").asText()).isEqualTo("Civitas API – Riverside Borough Council");
        assertThat(document.at("/components/securitySchemes/apiKey/name").asText()).isEqualTo("X-Api-Key");

        RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        long checked = mapping.getHandlerMethods().keySet().stream()
                .flatMap(info -> info.getPatternValues().stream().flatMap(pattern -> info.getMethodsCondition().getMethods().stream()
                        .map(method -> new String[] {pattern, method.name().toLowerCase()})))
                .filter(endpoint -> endpoint[0].startsWith("/api/v1/"))
                .peek(endpoint -> assertThat(document.path("paths").path(endpoint[0]).has(endpoint[1]))
                        .as("%s %s is in the OpenAPI document", endpoint[1], endpoint[0]).isTrue())
                .count();
        assertThat(checked).isGreaterThanOrEqualTo(6);
    }

    /**
     * Every /api/v1 operation shows what to send and what comes back: an example of its request body
     * (when it takes one), of its success answer (unless that has no body, such as a 204) and of at
     * least one error answer (a problem document).
     */
    @Test
    void everyNativeApiOperationHasExamplesOfItsRequestItsAnswerAndAnError() throws Exception {
        JsonNode document = new ObjectMapper().readTree(new WebSession(port).get("/v3/api-docs").body());
        RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        java.util.List<String> missing = new java.util.ArrayList<>();
        long checked = mapping.getHandlerMethods().keySet().stream()
                .flatMap(info -> info.getPatternValues().stream().flatMap(pattern -> info.getMethodsCondition().getMethods().stream()
                        .map(method -> new String[] {pattern, method.name().toLowerCase()})))
                .filter(endpoint -> endpoint[0].startsWith("/api/v1/"))
                .peek(endpoint -> {
                    String name = endpoint[1].toUpperCase() + " " + endpoint[0];
                    JsonNode operation = document.path("paths").path(endpoint[0]).path(endpoint[1]);
                    JsonNode body = operation.path("requestBody");
                    if (!body.isMissingNode() && !hasExample(body.path("content"))) {
                        missing.add(name + ": request body example");
                    }
                    if (!operation.path("responses").path("429").path("headers").has("Retry-After")) {
                        missing.add(name + ": the 429 answer of its rate limit, with Retry-After");
                    }
                    boolean success = false;
                    boolean error = false;
                    for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = operation.path("responses").fields(); it.hasNext(); ) {
                        java.util.Map.Entry<String, JsonNode> response = it.next();
                        JsonNode content = response.getValue().path("content");
                        if (response.getKey().startsWith("2")) {
                            success = true;
                            if (!response.getKey().equals("204") && !hasExample(content)) {
                                missing.add(name + ": example of the " + response.getKey() + " answer");
                            }
                        }
                        if (response.getKey().startsWith("4") && hasExample(content)) {
                            error = true;
                        }
                    }
                    if (!success) {
                        missing.add(name + ": a success answer");
                    }
                    if (!error) {
                        missing.add(name + ": an example of an error answer");
                    }
                })
                .count();
        assertThat(checked).isGreaterThanOrEqualTo(18);
        assertThat(missing).isEmpty();
    }

    /** Whether some media type of this content has an example or named examples. */
    private static boolean hasExample(JsonNode content) {
        if (content.isMissingNode() || content.isEmpty()) {
            return false;
        }
        for (JsonNode media : content) {
            if (media.has("example") && !media.get("example").isNull()
                    || media.has("examples") && !media.get("examples").isEmpty()) {
                return true;
            }
        }
        return false;
    }
}

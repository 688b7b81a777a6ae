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
}

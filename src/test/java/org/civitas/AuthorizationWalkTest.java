package org.civitas;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deny by default, checked: walks every endpoint the application registers and calls it as an
 * anonymous visitor and as a signed-in citizen. Wherever an endpoint is not meant for them, they
 * must be turned away (401, 403 or the sign-in page). A new endpoint is covered without touching
 * this test; opening one to the public or to citizens means adding it to the lists below, on purpose.
 */
@CivitasTest
class AuthorizationWalkTest {

    /** method + " " + pattern of the endpoints anyone may call. */
    private static final Set<String> PUBLIC = Set.of(
            "GET /", "GET /accessibility", "GET /privacy", "GET /feedback", "GET /favicon.ico",
            "GET /sign-in", "POST /sign-in", "GET /register", "POST /register",
            "GET /v3/api-docs", "GET /v3/api-docs/{group}", "GET /v3/api-docs.yaml", "GET /v3/api-docs.yaml/{group}",
            "GET /open311/v2/discovery.{format}", "GET /open311/v2/services.{format}", "GET /open311/v2/services/{code}.{format}",
            "POST /open311/v2/requests.{format}", "GET /open311/v2/requests.{format}", "GET /open311/v2/requests/{id}.{format}",
            "GET /open311/v2/tokens/{token}.{format}",
            // the fixed Open311 resources are mapped as plain paths too (found by a map look-up)
            "GET /open311/v2/discovery.json", "GET /open311/v2/discovery.xml", "GET /open311/v2/services.json",
            "GET /open311/v2/services.xml", "POST /open311/v2/requests.json", "POST /open311/v2/requests.xml",
            "GET /open311/v2/requests.json", "GET /open311/v2/requests.xml",
            "POST /feedback", "GET /track", "GET /track/{reference}", "GET /track/{reference}/satisfaction",
            "POST /track/{reference}/satisfaction", "GET /photos/{id}", "GET /report/{service}",
            "GET /report/{service}/location", "POST /report/{service}/location", "GET /report/{service}/question/{question}",
            "POST /report/{service}/question/{question}", "GET /report/{service}/description", "POST /report/{service}/description",
            "GET /report/{service}/photo", "POST /report/{service}/photo", "GET /report/{service}/contact",
            "POST /report/{service}/contact", "GET /report/{service}/check", "POST /report/{service}/check",
            "GET /report/{service}/confirmation",
            // the audit log's public checkpoint, key and proofs (hashes only), for witnesses
            "GET /transparency/checkpoint", "GET /transparency/key", "GET /transparency/proof/inclusion",
            "GET /transparency/proof/consistency",
            "GET /error", "POST /error", "PUT /error", "DELETE /error", "PATCH /error", "HEAD /error", "OPTIONS /error");

    /** Endpoints a signed-in citizen may call, beyond the public ones. */
    private static final Set<String> CITIZEN = Set.of("GET /account", "GET /api/v1/me", "GET /your-requests",
            // a person's own data: who has seen it, download, delete (the walk must not delete the demo citizen)
            "GET /account/data-access", "GET /account/export", "GET /account/delete", "POST /account/delete",
            "GET /api/v1/me/data-access",
            // the language Civitas speaks to them (issue 20)
            "GET /account/language", "POST /account/language");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void everyEndpointTurnsAwayThoseItIsNotMeantFor() {
        List<String> endpoints = endpoints();
        assertThat(endpoints).as("the walk must find the application's endpoints").hasSizeGreaterThan(20)
                .contains("GET /admin/staff", "POST /api/v1/admin/api-keys", "GET /account", "GET /api/v1/admin/audit/verify");

        WebSession anonymous = new WebSession(port);
        anonymous.get("/sign-in"); // a CSRF token, so a refusal is about who calls, not about the token
        WebSession citizen = new WebSession(port);
        assertThat(WebSession.location(citizen.signIn("citizen@riverside.example", CivitasTest.DEMO_PASSWORD))).isEqualTo("/");
        citizen.get("/account");

        List<String> failures = new ArrayList<>();
        for (String endpoint : endpoints) {
            if (PUBLIC.contains(endpoint)) {
                continue;
            }
            HttpResponse<String> anonymousResponse = call(anonymous, endpoint);
            int status = anonymousResponse.statusCode();
            boolean toSignIn = status == 302 && WebSession.location(anonymousResponse).equals("/sign-in");
            if (!(status == 401 || status == 403 || toSignIn)) {
                failures.add("anonymous " + endpoint + " -> " + status);
            }
            if (!CITIZEN.contains(endpoint)) {
                int citizenStatus = call(citizen, endpoint).statusCode();
                // Open311's chain reads no session: a signed-in citizen is as anonymous there
                boolean stateless = endpoint.contains(" /open311/") && citizenStatus == 401;
                if (citizenStatus != 403 && !stateless) {
                    failures.add("citizen " + endpoint + " -> " + citizenStatus);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void metricsAreForAdministratorsOnly() {
        assertThat(new WebSession(port).get("/actuator/prometheus").statusCode()).isIn(302, 401);
        WebSession citizen = new WebSession(port);
        citizen.signIn("citizen@riverside.example", CivitasTest.DEMO_PASSWORD);
        assertThat(citizen.get("/actuator/prometheus").statusCode()).isEqualTo(403);
        WebSession admin = new WebSession(port);
        admin.signIn("admin@riverside.example", CivitasTest.DEMO_PASSWORD);
        HttpResponse<String> metrics = admin.get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void healthIsOpenForLoadBalancers() {
        HttpResponse<String> health = new WebSession(port).get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(new WebSession(port).get("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
    }

    private HttpResponse<String> call(WebSession session, String endpoint) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "00000000-0000-4000-8000-000000000000")
                .replace("/**", "/x").replace("/*", "/x");
        HttpRequest.Builder request = session.request(path).header("X-CSRF-TOKEN", String.valueOf(session.csrfToken()));
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofString("{}");
        switch (method) {
            case "GET" -> request.GET();
            case "DELETE" -> request.DELETE();
            case "HEAD" -> request.method("HEAD", HttpRequest.BodyPublishers.noBody());
            case "OPTIONS" -> request.method("OPTIONS", HttpRequest.BodyPublishers.noBody());
            default -> request.header("Content-Type", "application/json").method(method, body);
        }
        return session.send(request.build());
    }

    private List<String> endpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<String> patterns = info.getPatternValues();
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : patterns) {
                    if (methods.isEmpty()) {
                        for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
                            endpoints.add(method + " " + pattern);
                        }
                    } else {
                        methods.forEach(method -> endpoints.add(method.name() + " " + pattern));
                    }
                }
            }
        }
        return List.copyOf(endpoints);
    }
}

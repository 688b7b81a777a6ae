package org.civitas.platform.idempotency;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.civitas.CivitasTest;
import org.civitas.identity.ApiScopes;
import org.civitas.identity.apikey.ApiKeys;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency-Key on every native API POST, not only the case ones: administration (API keys, staff)
 * and the catalogue. The kept answers are unreadable without the key, though they hold secrets.
 */
@CivitasTest
class IdempotencyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApiKeys apiKeys;

    private WebSession admin() {
        WebSession admin = new WebSession(port);
        admin.signIn("admin@riverside.example", CivitasTest.DEMO_PASSWORD);
        admin.get("/account");
        return admin;
    }

    private static HttpResponse<String> post(WebSession session, String path, String body, String key) {
        return session.postRaw(path, "application/json", body, "X-CSRF-TOKEN", session.csrfToken(), "Idempotency-Key", key);
    }

    private int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        }
        catch (Exception e) {
            throw new IllegalStateException(body, e);
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = json(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("Idempotency-Key");
        assertThat(problem.get("detail").asText()).contains("Idempotency-Key");
    }

    @Test
    void aRetriedApiKeyCreationGetsTheSameKeyOnceAndTheKeptAnswerIsSealed() {
        WebSession admin = admin();
        String key = UUID.randomUUID().toString();
        String body = "{\"name\":\"Idempotent app\",\"owner\":\"Tests\",\"scopes\":[\"open311.submit\"]}";
        int before = count("select count(*) from identity.api_key");

        HttpResponse<String> first = post(admin, "/api/v1/admin/api-keys", body, key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        HttpResponse<String> retry = post(admin, "/api/v1/admin/api-keys", body, key);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(retry.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(count("select count(*) from identity.api_key")).isEqualTo(before + 1);

        // the same key with another body: refused, nothing created
        assertProblem(post(admin, "/api/v1/admin/api-keys", body.replace("Idempotent app", "Other app"), key), 422);
        assertThat(count("select count(*) from identity.api_key")).isEqualTo(before + 1);

        // the new API key's secret is in the kept answer, but not readable there
        String secret = json(first.body()).get("key").asText();
        assertThat(secret).startsWith("civ_");
        assertThat(count("select count(*) from platform.idempotency")).isPositive();
        assertThat(jdbc.sql("select count(*) from platform.idempotency t where t::text like ? or encode(body_sealed, 'escape') like ?")
                .params("%" + secret + "%", "%" + secret + "%").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from platform.idempotency t where t::text like ?").param("%" + key + "%")
                .query(Integer.class).single()).as("the Idempotency-Key itself is kept only hashed").isZero();

        // another caller with the same key is a different request altogether
        WebSession otherAdmin = admin();
        assertThat(post(otherAdmin, "/api/v1/admin/api-keys", body, key).statusCode()).isEqualTo(201);
    }

    @Test
    void aRetriedStaffCreationGivesTheSameFirstPasswordAndCreatesOneAccount() {
        WebSession admin = admin();
        String key = "staff-" + UUID.randomUUID();
        String email = "idem." + UUID.randomUUID().toString().substring(0, 8) + "@riverside.example";
        String body = "{\"email\":\"" + email + "\",\"name\":\"Idem Potent\",\"roles\":[\"caseworker\"],\"teams\":[\"highways\"]}";
        int before = count("select count(*) from identity.account");
        HttpResponse<String> first = post(admin, "/api/v1/admin/staff", body, key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        HttpResponse<String> retry = post(admin, "/api/v1/admin/staff", body, key);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(json(retry.body()).get("initialPassword").asText()).isEqualTo(json(first.body()).get("initialPassword").asText());
        assertThat(count("select count(*) from identity.account")).isEqualTo(before + 1);
        assertThat(jdbc.sql("select count(*) from platform.idempotency t where t::text ilike ? or encode(body_sealed, 'escape') ilike ?")
                .params("%idem potent%", "%" + email + "%").query(Integer.class).single()).isZero();
    }

    @Test
    void aFailedRequestKeepsNothingSoTheKeyCanBeUsedForTheCorrectedOne() {
        WebSession admin = admin();
        String key = "fix-" + UUID.randomUUID();
        String email = "fixed." + UUID.randomUUID().toString().substring(0, 8) + "@riverside.example";
        HttpResponse<String> refused = post(admin, "/api/v1/admin/staff",
                "{\"email\":\"" + email + "\",\"name\":\"Fixed Later\",\"roles\":[\"caseworker\"],\"teams\":[\"nope\"]}", key);
        assertThat(refused.statusCode()).isEqualTo(422);
        HttpResponse<String> corrected = post(admin, "/api/v1/admin/staff",
                "{\"email\":\"" + email + "\",\"name\":\"Fixed Later\",\"roles\":[\"caseworker\"],\"teams\":[\"highways\"]}", key);
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(201);
    }

    @Test
    void catalogueAndCasePostsTakeItTooWithAnApiKey() {
        String manager = apiKeys.create("Catalogue manager", "Tests", Set.of(ApiScopes.CATALOGUE_MANAGE), null).secret();
        WebSession client = new WebSession(port);
        String code = "idem-" + UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"code":"%s","name":"Abandoned trolley","description":"Report a shopping trolley left in the street.",
                 "nameCy":"Troli wedi’i adael","descriptionCy":"Rhoi gwybod am droli siopa wedi’i adael ar y stryd.",
                 "group":"Streets and public spaces","keywords":["trolley"],"type":"realtime","team":"parking",
                 "sla":{"amount":3,"unit":"working_days"},"questions":[]}""".formatted(code);
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = client.postRaw("/api/v1/services", "application/json", body, "X-Api-Key", manager, "Idempotency-Key", key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        HttpResponse<String> retry = client.postRaw("/api/v1/services", "application/json", body, "X-Api-Key", manager, "Idempotency-Key", key);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        // publishing twice with one key publishes once; without the key the second publish is answered as usual
        String publishKey = UUID.randomUUID().toString();
        HttpResponse<String> published = client.postRaw("/api/v1/services/" + code + "/publish", "application/json", "",
                "X-Api-Key", manager, "Idempotency-Key", publishKey);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        assertThat(client.postRaw("/api/v1/services/" + code + "/publish", "application/json", "",
                "X-Api-Key", manager, "Idempotency-Key", publishKey).body()).isEqualTo(published.body());
        assertThat(count("select count(*) from catalogue.service where code = '" + code + "'")).isEqualTo(1);
    }

    @Test
    void aMalformedKeyIsRefusedNamingTheHeaderBeforeAnythingRuns() {
        WebSession admin = admin();
        int before = count("select count(*) from identity.api_key");
        String body = "{\"name\":\"Never made\",\"owner\":\"Tests\",\"scopes\":[\"open311.submit\"]}";
        for (String bad : new String[] {"x".repeat(256), "has space", "tab\there", ""}) {
            assertProblem(post(admin, "/api/v1/admin/api-keys", body, bad), 400);
        }
        assertThat(count("select count(*) from identity.api_key")).isEqualTo(before);
    }

    @Autowired
    IdempotencyRetention retention;

    @Test
    void keptAnswersAreForgottenAfterADaySoTheKeyRunsAgain() {
        WebSession admin = admin();
        String key = "old-" + UUID.randomUUID();
        String body = "{\"name\":\"Yesterday's app\",\"owner\":\"Tests\",\"scopes\":[\"open311.submit\"]}";
        HttpResponse<String> first = post(admin, "/api/v1/admin/api-keys", body, key);
        assertThat(first.statusCode()).isEqualTo(201);
        int kept = count("select count(*) from platform.idempotency");
        jdbc.sql("update platform.idempotency set created_at = created_at - interval '25 hours' "
                + "where created_at = (select max(created_at) from platform.idempotency)").update();
        assertThat(retention.forgetOld()).isGreaterThanOrEqualTo(1);
        assertThat(count("select count(*) from platform.idempotency")).isLessThan(kept);
        HttpResponse<String> later = post(admin, "/api/v1/admin/api-keys", body, key);
        assertThat(later.statusCode()).isEqualTo(201);
        assertThat(later.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(later.body()).isNotEqualTo(first.body());
    }

    /**
     * A key with characters beyond ASCII, sent as raw UTF-8 bytes (the JDK's HTTP client refuses to
     * send such a header at all, so this goes over a plain socket).
     */
    @Test
    void aNonAsciiKeyIsRefusedWithAClearProblem() throws Exception {
        String manager = apiKeys.create("Catalogue manager", "Tests", Set.of(ApiScopes.CATALOGUE_MANAGE), null).secret();
        int before = count("select count(*) from catalogue.service");
        byte[] body = """
                {"code":"never-made","name":"Abandoned trolley","description":"Never made.","group":"Streets",
                 "keywords":[],"type":"realtime","team":"parking","sla":{"amount":3,"unit":"working_days"},"questions":[]}"""
                .getBytes(StandardCharsets.UTF_8);
        for (String key : new String[] {"clé-numéro-1", "ключ", "key-✓"}) {
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write(("POST /api/v1/services HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nX-Api-Key: " + manager + "\r\n").getBytes(StandardCharsets.US_ASCII));
            request.write(("Idempotency-Key: " + key + "\r\n").getBytes(StandardCharsets.UTF_8));
            request.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            request.write(body);
            String response;
            try (Socket socket = new Socket("localhost", port)) {
                OutputStream out = socket.getOutputStream();
                out.write(request.toByteArray());
                out.flush();
                InputStream in = socket.getInputStream();
                response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(response).as(key).startsWith("HTTP/1.1 400");
            assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
            assertThat(response).contains("\"field\":\"Idempotency-Key\"");
        }
        assertThat(count("select count(*) from catalogue.service")).isEqualTo(before);
    }
}

package org.civitas.identity;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.civitas.CivitasTest;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Administrators create API keys (shown once, stored as a hash) and revoke them; keys authenticate machine clients. */
@CivitasTest
class ApiKeyTest {

    private static final Pattern KEY_JSON = Pattern.compile("\"key\":\"(civ_[a-z2-7]{40})\"");
    private static final Pattern ID_JSON = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAdministratorCreatesAKeyThroughTheApiThatWorksUntilRevoked() {
        WebSession admin = signedInAdmin();
        HttpResponse<String> created = admin.postRaw("/api/v1/admin/api-keys", "application/json",
                "{\"name\":\"FixMyStreet\",\"owner\":\"mySociety\",\"scopes\":[\"open311.submit\"]}",
                "X-CSRF-TOKEN", admin.csrfToken());
        assertThat(created.statusCode()).isEqualTo(201);
        String key = find(KEY_JSON, created.body());
        String id = find(ID_JSON, created.body());

        // only a hash is kept, and listing never shows the key again
        assertThat(jdbc.sql("select count(*) from identity.api_key where key_hash = sha256(convert_to(?, 'UTF8'))").param(key)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(admin.get("/api/v1/admin/api-keys").body()).contains("FixMyStreet").doesNotContain(key);

        WebSession client = new WebSession(port);
        HttpResponse<String> me = client.get("/api/v1/me", "Authorization", "ApiKey " + key);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"type\":\"api-client\"").contains("open311.submit");
        assertThat(client.hasSessionCookie()).as("a key authenticates one request, no session").isFalse();
        assertThat(jdbc.sql("select last_used_at is not null from identity.api_key where id = ?::uuid").param(id)
                .query(Boolean.class).single()).isTrue();

        HttpResponse<String> revoked = admin.send(admin.request("/api/v1/admin/api-keys/" + id)
                .header("X-CSRF-TOKEN", admin.csrfToken()).DELETE().build());
        assertThat(revoked.statusCode()).isEqualTo(204);
        HttpResponse<String> refused = client.get("/api/v1/me", "X-Api-Key", key);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
        assertThat(admin.get("/api/v1/admin/api-keys").body()).contains("\"revokedAt\":\"");
    }

    @Test
    void anAdministratorCreatesAndRevokesAKeyOnThePages() {
        WebSession admin = signedInAdmin();
        assertThat(admin.get("/admin/api-keys").statusCode()).isEqualTo(200);
        HttpResponse<String> created = admin.postForm("/admin/api-keys",
                Map.of("name", "Partner portal", "owner", "Riverside Care Trust", "scopes", "requests.read"));
        assertThat(created.statusCode()).isEqualTo(200);
        Matcher matcher = Pattern.compile("id=\"api-key\">(civ_[a-z2-7]{40})<").matcher(created.body());
        assertThat(matcher.find()).isTrue();
        String key = matcher.group(1);
        assertThat(new WebSession(port).get("/api/v1/me", "X-Api-Key", key).statusCode()).isEqualTo(200);

        String list = admin.get("/admin/api-keys").body();
        assertThat(list).contains("Partner portal").doesNotContain(key);
        String id = jdbc.sql("select id::text from identity.api_key where name = 'Partner portal'").query(String.class).single();
        assertThat(WebSession.location(admin.postForm("/admin/api-keys/" + id + "/revoke", Map.of()))).isEqualTo("/admin/api-keys?revoked");
        assertThat(new WebSession(port).get("/api/v1/me", "X-Api-Key", key).statusCode()).isEqualTo(401);
    }

    @Test
    void aKeyNeedsANameAnOwnerAndKnownScopes() {
        WebSession admin = signedInAdmin();
        int before = keys();
        HttpResponse<String> response = admin.postRaw("/api/v1/admin/api-keys", "application/json",
                "{\"name\":\"\",\"scopes\":[\"everything\"]}", "X-CSRF-TOKEN", admin.csrfToken());
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("\"field\":\"name\"").contains("\"field\":\"owner\"").contains("\"field\":\"scopes\"");
        HttpResponse<String> page = admin.postForm("/admin/api-keys", Map.of("name", "No scopes", "owner", "Someone"));
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("Select at least one thing the key may do");
        assertThat(keys()).isEqualTo(before);
    }

    @Test
    void onlyAdministratorsManageKeys() {
        WebSession caseworker = new WebSession(port);
        caseworker.signIn("caseworker@riverside.example", CivitasTest.DEMO_PASSWORD);
        assertThat(caseworker.get("/admin/api-keys").statusCode()).isEqualTo(403);
        assertThat(caseworker.get("/api/v1/admin/api-keys").statusCode()).isEqualTo(403);
        // an API key, however many scopes it has, is not an administrator
        assertThat(new WebSession(port).get("/api/v1/admin/api-keys", "X-Api-Key", CivitasTest.DEMO_API_KEY).statusCode()).isEqualTo(403);
    }

    @Test
    void anUnknownKeyIsRefusedNotTreatedAsAnonymous() {
        HttpResponse<String> response = new WebSession(port).send(HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/api/v1/me")).header("X-Api-Key", "civ_nonsense").GET().build());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    private WebSession signedInAdmin() {
        WebSession admin = new WebSession(port);
        assertThat(WebSession.location(admin.signIn("admin@riverside.example", CivitasTest.DEMO_PASSWORD))).isEqualTo("/account?two-factor-prompt");
        admin.get("/account");
        return admin;
    }

    private int keys() {
        return jdbc.sql("select count(*) from identity.api_key").query(Integer.class).single();
    }

    private static String find(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return matcher.group(1);
    }
}

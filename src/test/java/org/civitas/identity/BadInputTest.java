package org.civitas.identity;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.civitas.CivitasTest;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Malformed input to the identity endpoints: a clear 4xx in the surface's format, nothing written. */
@CivitasTest
class BadInputTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void malformedJsonIsABadRequestProblem() {
        WebSession admin = admin();
        int before = keys();
        HttpResponse<String> response = admin.postRaw("/api/v1/admin/api-keys", "application/json", "{\"name\": \"x\", ",
                "X-CSRF-TOKEN", admin.csrfToken());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
        assertThat(keys()).isEqualTo(before);
    }

    @Test
    void invalidUtf8InJsonIsABadRequestProblem() {
        WebSession admin = admin();
        byte[] body = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        HttpResponse<String> response = admin.send(admin.request("/api/v1/admin/api-keys")
                .header("Content-Type", "application/json").header("X-CSRF-TOKEN", admin.csrfToken())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertThat(response.statusCode()).isIn(400, 422);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
    }

    @Test
    void aValueSpringBindsItselfIsABadRequestNamingTheParameter() {
        WebSession admin = admin();
        HttpResponse<String> flag = admin.get("/api/v1/admin/audit/verify?allSignatures=1e-40000000");
        assertThat(flag.statusCode()).as(flag.body()).isEqualTo(400);
        assertThat(flag.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(flag.body()).contains("\"field\":\"allSignatures\"").doesNotContain("Exception");
        int before = keys();
        HttpResponse<String> id = admin.send(admin.request("/api/v1/admin/api-keys/not-a-uuid").header("X-CSRF-TOKEN", admin.csrfToken())
                .DELETE().build());
        assertThat(id.statusCode()).as(id.body()).isEqualTo(400);
        assertThat(id.body()).contains("\"field\":\"id\"").doesNotContain("Exception");
        assertThat(keys()).isEqualTo(before);
    }

    @Test
    void theWrongContentTypeIsUnsupported() {
        WebSession admin = admin();
        HttpResponse<String> response = admin.postRaw("/api/v1/admin/api-keys", "text/plain", "name=x",
                "X-CSRF-TOKEN", admin.csrfToken());
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
    }

    @Test
    void anUnknownApiRouteIsNotFoundAsAProblemForEveryone() {
        // an address nothing answers is a 404 whoever asks (issue 12); real endpoints stay closed to those they are not for
        HttpResponse<String> response = new WebSession(port).get("/api/v1/no-such-thing", "X-Api-Key", org.civitas.CivitasTest.DEMO_API_KEY);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        HttpResponse<String> anonymous = new WebSession(port).get("/api/v1/no-such-thing");
        assertThat(anonymous.statusCode()).isEqualTo(404);
        assertThat(anonymous.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
    }

    @Test
    void scriptAndSqlInARegistrationAreStoredInertAndNeverEchoedRaw() {
        // every other rule is met (a strong password, a well-formed address), so the name and the address reach the SQL
        int before = accounts();
        WebSession browser = new WebSession(port);
        browser.get("/register");
        String email = "x');drop/**/table/**/identity.account;--@example.org";
        HttpResponse<String> response = browser.postForm("/register", Map.of(
                "name", "<script>alert(1)</script>", "email", email, "password", "Correct-horse-battery-9"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        assertThat(WebSession.location(response)).contains("/account");
        assertThat(accounts()).as("the table is still there, one account more").isEqualTo(before + 1);
        HttpResponse<String> account = browser.get("/account");
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(account.body()).doesNotContain("<script>alert(1)").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        // stored as given, not rewritten: signing in with the same address works
        WebSession again = new WebSession(port);
        assertThat(again.signIn(email, "Correct-horse-battery-9").statusCode()).isEqualTo(302);
        assertThat(again.get("/account").statusCode()).as("signed in").isEqualTo(200);
    }

    @Test
    void aRefusedRegistrationEchoesScriptEscapedAndWritesNothing() {
        int before = accounts();
        WebSession browser = new WebSession(port);
        browser.get("/register");
        HttpResponse<String> response = browser.postForm("/register", Map.of(
                "name", "<script>alert(1)</script>", "email", "x'); drop table identity.account;--@example.org", "password", "short"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("<script>alert(1)").contains("value=\"&lt;script");
        assertThat(accounts()).isEqualTo(before);
    }

    private int accounts() {
        return jdbc.sql("select count(*) from identity.account").query(Integer.class).single();
    }

    @Test
    void staffCreationNamesEveryBrokenRuleAndWritesNothing() {
        WebSession admin = admin();
        int before = jdbc.sql("select count(*) from identity.account").query(Integer.class).single();
        HttpResponse<String> response = admin.postRaw("/api/v1/admin/staff", "application/json",
                "{\"email\":\"not-an-email\",\"name\":\"\",\"roles\":[],\"teams\":[]}", "X-CSRF-TOKEN", admin.csrfToken());
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("\"field\":\"email\"").contains("\"field\":\"name\"").contains("\"field\":\"role\"");
        HttpResponse<String> unknownTeam = admin.postRaw("/api/v1/admin/staff", "application/json",
                "{\"email\":\"new@riverside.example\",\"name\":\"New Person\",\"roles\":[\"caseworker\"],\"teams\":[\"nope\"]}",
                "X-CSRF-TOKEN", admin.csrfToken());
        assertThat(unknownTeam.statusCode()).isEqualTo(422);
        assertThat(unknownTeam.body()).contains("\"field\":\"teams\"");
        assertThat(jdbc.sql("select count(*) from identity.account").query(Integer.class).single()).isEqualTo(before);
    }

    @Test
    void anAdministratorCreatesAStaffMemberWhoCanSignIn() {
        WebSession admin = admin();
        HttpResponse<String> created = admin.postRaw("/api/v1/admin/staff", "application/json",
                "{\"email\":\"sam.street@riverside.example\",\"name\":\"Sam Street\",\"roles\":[\"caseworker\"],\"teams\":[\"highways\",\"parks\"]}",
                "X-CSRF-TOKEN", admin.csrfToken());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"teams\":[").contains("highways").contains("parks");
        String password = created.body().replaceAll(".*\"initialPassword\":\"([^\"]+)\".*", "$1");
        WebSession sam = new WebSession(port);
        assertThat(WebSession.location(sam.signIn("sam.street@riverside.example", password))).isEqualTo("/account?two-factor-prompt");
        assertThat(sam.get("/account").body()).contains("Caseworker").contains("Highways and street lighting").contains("Parks and trees");
    }

    private WebSession admin() {
        WebSession admin = new WebSession(port);
        admin.signIn("admin@riverside.example", org.civitas.CivitasTest.DEMO_PASSWORD);
        admin.get("/account");
        return admin;
    }

    private int keys() {
        return jdbc.sql("select count(*) from identity.api_key").query(Integer.class).single();
    }
}

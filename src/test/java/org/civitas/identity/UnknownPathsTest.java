package org.civitas.identity;

import java.net.http.HttpResponse;

import org.civitas.CivitasTest;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** An address nothing answers is "Page not found" for everyone, in each surface's format; real protected pages still ask for sign-in. */
@CivitasTest
class UnknownPathsTest {

    @LocalServerPort
    int port;

    @Test
    void anAnonymousVisitorGetsPageNotFoundNotTheSignInPage() {
        HttpResponse<String> page = new WebSession(port).get("/no-such-page");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Location")).isEmpty();
        assertThat(page.body()).contains("Page not found").contains("govuk-heading-l").doesNotContain("Exception");

        HttpResponse<String> deeper = new WebSession(port).get("/reports/2026/nothing-here");
        assertThat(deeper.statusCode()).isEqualTo(404);
        assertThat(deeper.body()).contains("Page not found");
    }

    @Test
    void eachSurfaceSaysNotFoundInItsOwnFormat() {
        HttpResponse<String> api = new WebSession(port).get("/api/v1/no-such-thing");
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(api.body()).contains("\"status\":404");

        HttpResponse<String> open311 = new WebSession(port).get("/open311/v2/no-such-thing.json");
        assertThat(open311.statusCode()).isEqualTo(404);
        assertThat(open311.body()).startsWith("[").contains("\"code\":404");
    }

    @Test
    void aSignedInPersonGetsPageNotFoundTooNotForbidden() {
        WebSession citizen = new WebSession(port);
        citizen.signIn("citizen@riverside.example", CivitasTest.DEMO_PASSWORD);
        HttpResponse<String> page = citizen.get("/no-such-page");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("Page not found");
    }

    @Test
    void realProtectedAddressesStillAskForSignIn() {
        WebSession anonymous = new WebSession(port);
        assertThat(WebSession.location(anonymous.get("/account"))).isEqualTo("/sign-in");
        assertThat(WebSession.location(anonymous.get("/admin/staff"))).isEqualTo("/sign-in");
        assertThat(anonymous.get("/api/v1/me").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/api/v1/admin/staff").statusCode()).isEqualTo(401);
        // a real page with the wrong method is not "unknown": it is still refused, not opened
        assertThat(anonymous.postRaw("/api/v1/admin/staff", "application/json", "{}").statusCode()).isIn(401, 403);
    }
}

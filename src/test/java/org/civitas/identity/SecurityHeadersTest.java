package org.civitas.identity;

import java.net.http.HttpResponse;

import org.civitas.CivitasTest;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@CivitasTest
class SecurityHeadersTest {

    @LocalServerPort
    int port;

    @Test
    void pagesCarryAStrictPolicyAndTheUsualHeaders() {
        HttpResponse<String> page = new WebSession(port).get("/sign-in");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("script-src 'self'").contains("style-src 'self'").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Strict-Transport-Security")).as("no HSTS over plain HTTP").isEmpty();
        assertThat(page.headers().allValues("Set-Cookie")).allSatisfy(cookie -> assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax"));
    }

    @Test
    void behindATlsProxyPagesAskForHsts() {
        HttpResponse<String> page = new WebSession(port).get("/sign-in", "X-Forwarded-Proto", "https");
        assertThat(page.headers().firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(hsts -> assertThat(hsts).contains("max-age=31536000").contains("includeSubDomains"));
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefusedAndNothingHappens() {
        WebSession browser = new WebSession(port);
        HttpResponse<String> response = browser.postRaw("/register", "application/x-www-form-urlencoded",
                "name=Cross+Site&email=cross%40example.org&password=a+long+password+here");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(WebSession.location(new WebSession(port).signIn("cross@example.org", "a long password here")))
                .isEqualTo("/sign-in?error=credentials");
    }
}

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

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.security.web.FilterChainProxy filterChains;

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

    @Test
    void open311HasItsOwnStatelessChainWithTheSameHeaders() {
        org.springframework.mock.web.MockHttpServletRequest open311 =
                new org.springframework.mock.web.MockHttpServletRequest("POST", "/open311/v2/requests.json");
        open311.setServletPath("/open311/v2/requests.json");
        org.springframework.security.web.SecurityFilterChain chain = filterChains.getFilterChains().stream()
                .filter(candidate -> candidate.matches(open311)).findFirst().orElseThrow();
        assertThat(chain.getFilters()).extracting(filter -> filter.getClass().getSimpleName())
                .contains("HeaderWriterFilter", "AuthorizationFilter", "ApiKeyAuthenticationFilter")
                .as("no session, CSRF token, saved request or sign-in for machine clients")
                .doesNotContain("CsrfFilter", "LogoutFilter", "RequestCacheAwareFilter", "UsernamePasswordAuthenticationFilter",
                        "SessionManagementFilter", "SecurityContextHolderAwareRequestFilter", "SecondFactorGate");

        WebSession resident = new WebSession(port);
        assertThat(resident.signIn("citizen@riverside.example", org.civitas.CivitasTest.DEMO_PASSWORD).statusCode()).isEqualTo(302);
        // the resident's browser sends its session cookie along with Open311 calls
        HttpResponse<String> services = resident.get("/open311/v2/services.json");
        assertThat(services.statusCode()).isEqualTo(200);
        assertThat(services.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(services.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(services.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
        assertThat(services.headers().allValues("Set-Cookie")).as("Open311 sets no cookie").isEmpty();

        // a POST needs no CSRF token, cookie or not, and a bad key is refused in Open311's format
        HttpResponse<String> refused = resident.postRaw("/open311/v2/requests.json", "application/x-www-form-urlencoded",
                "api_key=not-a-key&service_code=pothole&lat=51.46&long=-0.30");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("api_key");
        assertThat(refused.headers().allValues("Set-Cookie")).isEmpty();

        // the resident is still signed in for the pages
        assertThat(resident.get("/account").statusCode()).isEqualTo(200);
    }
}

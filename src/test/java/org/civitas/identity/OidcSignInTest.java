package org.civitas.identity;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.civitas.CivitasTest;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** OpenID Connect sign-in (authorization code with PKCE) against a real OIDC provider, mock-oauth2-server. */
@CivitasTest
class OidcSignInTest {

    private static final String ISSUER_ID = "riverside-idp";
    private static final MockOAuth2Server PROVIDER = new MockOAuth2Server();

    static {
        PROVIDER.start();
    }

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("civitas.oidc.issuer", () -> PROVIDER.issuerUrl(ISSUER_ID).toString());
        registry.add("civitas.oidc.client-id", () -> "civitas");
        registry.add("civitas.oidc.client-secret", () -> "civitas-secret");
        registry.add("civitas.oidc.display-name", () -> "Riverside ID");
    }

    @AfterAll
    static void stop() {
        PROVIDER.shutdown();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.civitas.identity.account.Accounts accounts;

    @Test
    void aFirstSignInCreatesACitizenAccountLinkedToTheSubjectAndTheNextFindsIt() {
        assertThat(new WebSession(port).get("/sign-in").body()).contains("Sign in with Riverside ID");

        WebSession first = new WebSession(port);
        String accountId = signInThroughProvider(first, "subject-olivia", Map.of(
                "email", "olivia@example.org", "email_verified", true, "name", "Olivia Oidc"));
        String me = first.get("/api/v1/me").body();
        assertThat(me).contains("\"type\":\"account\"").contains("Olivia Oidc").contains("citizen");
        assertThat(jdbc.sql("""
                        select count(*) from identity.spring_session_attributes
                        where position(convert_to('olivia@example', 'UTF8') in attribute_bytes) > 0
                           or position(convert_to('Olivia Oidc', 'UTF8') in attribute_bytes) > 0""")
                .query(Integer.class).single()).as("the session keeps neither the provider's e-mail nor the name").isZero();
        assertThat(jdbc.sql("select count(*) from identity.oidc_link where subject = 'subject-olivia' and account_id = ?::uuid")
                .param(accountId).query(Integer.class).single()).isEqualTo(1);

        WebSession second = new WebSession(port);
        assertThat(signInThroughProvider(second, "subject-olivia", Map.of("email", "olivia@example.org", "email_verified", true)))
                .isEqualTo(accountId);
        assertThat(accounts.byEmail("olivia@example.org")).hasValueSatisfying(account -> assertThat(account.id().toString()).isEqualTo(accountId));
    }

    @Test
    void staffSigningInThroughTheProviderAreLinkedByTheirVerifiedEmailAndNeedNoTotp() {
        WebSession staff = new WebSession(port);
        signInThroughProvider(staff, "subject-casey", Map.of("email", "caseworker@riverside.example", "email_verified", true));
        String me = staff.get("/api/v1/me").body();
        assertThat(me).contains("Casey Caseworker").contains("caseworker");
    }

    @Test
    void anUnverifiedEmailDoesNotTakeOverAStaffAccount() {
        WebSession impostor = new WebSession(port);
        signInThroughProvider(impostor, "subject-impostor", Map.of("email", "admin@riverside.example", "email_verified", false));
        String me = impostor.get("/api/v1/me").body();
        assertThat(me).contains("\"roles\":[\"citizen\"]").doesNotContain("Alex Admin");
    }

    /** Follows the redirects a browser would, checking PKCE on the way; returns the account id. */
    private String signInThroughProvider(WebSession browser, String subject, Map<String, Object> claims) {
        PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of("civitas"), claims, 3600));
        HttpResponse<String> start = browser.get("/oauth2/authorization/body");
        assertThat(start.statusCode()).isEqualTo(302);
        String authorize = start.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(PROVIDER.issuerUrl(ISSUER_ID).toString())
                .contains("code_challenge=").contains("code_challenge_method=S256").contains("response_type=code");

        HttpResponse<String> provider = browser.get(authorize);
        assertThat(provider.statusCode()).isEqualTo(302);
        URI callback = URI.create(provider.headers().firstValue("Location").orElseThrow());
        assertThat(callback.getPath()).isEqualTo("/login/oauth2/code/body");

        HttpResponse<String> signedIn = browser.get(callback.toString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(WebSession.location(signedIn)).isEqualTo("/");
        String me = browser.get("/api/v1/me").body();
        return me.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }
}

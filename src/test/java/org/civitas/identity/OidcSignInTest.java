package org.civitas.identity;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import java.time.Instant;

import org.civitas.CivitasTest;
import org.civitas.support.AuthenticatorApp;
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
        // the body requires a second factor of staff, and trusts the provider's word for one of these
        registry.add("civitas.staff-mfa", () -> "required");
        registry.add("civitas.oidc.mfa-acr", () -> "https://id.riverside.example/acr/mfa, urn:riverside:loa:high");
        registry.add("civitas.oidc.mfa-amr", () -> "mfa,hwk");
    }

    private static final String TRUSTED_ACR = "urn:riverside:loa:high";

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
    void staffWhoseProviderProvesASecondFactorTheBodyTrustsNeedNoTotp() {
        WebSession staff = new WebSession(port);
        signInThroughProvider(staff, "subject-casey", Map.of("email", "caseworker@riverside.example", "email_verified", true,
                "acr", TRUSTED_ACR));
        String me = staff.get("/api/v1/me").body();
        assertThat(me).contains("Casey Caseworker").contains("caseworker");

        WebSession byMethod = new WebSession(port);
        signInThroughProvider(byMethod, "subject-alex", Map.of("email", "admin@riverside.example", "email_verified", true,
                "amr", List.of("pwd", "hwk")));
        assertThat(byMethod.get("/api/v1/me").body()).contains("administrator");
    }

    @Test
    void staffWithoutAProvenSecondFactorStillPassCivitassOwn() {
        // no acr or amr at all: straight to setting up an app, and nothing else is open meanwhile
        WebSession staff = new WebSession(port);
        assertThat(signInThroughProvider(staff, "subject-morgan", Map.of("email", "manager@riverside.example", "email_verified", true),
                "/account/two-factor")).isNull();
        assertThat(staff.get("/api/v1/me").statusCode()).isEqualTo(401);
        assertThat(WebSession.location(staff.get("/staff"))).isEqualTo("/account/two-factor");
        AuthenticatorApp app = new AuthenticatorApp(staff.get("/account/two-factor").body()
                .replaceAll("(?s).*id=\"totp-secret\">([A-Z2-7 ]+)<.*", "$1"));
        assertThat(staff.postForm("/account/two-factor", Map.of("code", app.codeAt(Instant.now()))).statusCode()).isEqualTo(200);
        assertThat(staff.get("/api/v1/me").body()).contains("service_manager");

        // next time, an acr or amr the body does not trust proves nothing: the code from the app is asked for
        WebSession again = new WebSession(port);
        assertThat(signInThroughProvider(again, "subject-morgan", Map.of("email", "manager@riverside.example", "email_verified", true,
                "acr", "urn:riverside:loa:low", "amr", List.of("pwd", "otp-sms")), "/sign-in/two-factor")).isNull();
        assertThat(again.get("/api/v1/me").statusCode()).isEqualTo(401);
        again.get("/sign-in/two-factor");
        assertThat(WebSession.location(again.postForm("/sign-in/two-factor", Map.of("code", app.codeAt(Instant.now().plusSeconds(30))))))
                .isEqualTo("/");
        assertThat(again.get("/api/v1/me").body()).contains("service_manager");
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
        return signInThroughProvider(browser, subject, claims, "/");
    }

    /** As above, expecting to be sent to {@code expected} at the end; the account id when that is the home page. */
    private String signInThroughProvider(WebSession browser, String subject, Map<String, Object> claims, String expected) {
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
        assertThat(WebSession.location(signedIn)).isEqualTo(expected);
        if (!expected.equals("/")) {
            return null;
        }
        String me = browser.get("/api/v1/me").body();
        return me.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }
}

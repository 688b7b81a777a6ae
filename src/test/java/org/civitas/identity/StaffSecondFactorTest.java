package org.civitas.identity;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.civitas.CivitasTest;
import org.civitas.support.AuthenticatorApp;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With CIVITAS_STAFF_MFA=required, staff cannot use Civitas until they have an authenticator app. */
@CivitasTest
@TestPropertySource(properties = "civitas.staff-mfa=required")
class StaffSecondFactorTest {

    private static final Pattern SECRET = Pattern.compile("id=\"totp-secret\">([A-Z2-7 ]+)<");
    private static final Pattern RECOVERY = Pattern.compile("<code>([a-z2-9]{5}-[a-z2-9]{5})</code>");

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @org.springframework.beans.factory.annotation.Autowired
    org.civitas.identity.account.Accounts accounts;

    @Test
    void staffSetUpAnAppThenNeedItsCodeAtEverySignIn() {
        WebSession browser = new WebSession(port);
        HttpResponse<String> password = browser.signIn("manager@riverside.example", CivitasTest.DEMO_PASSWORD);
        assertThat(WebSession.location(password)).isEqualTo("/account/two-factor");

        // nothing else is open until the app is set up, not even the API
        assertThat(WebSession.location(browser.get("/account"))).isEqualTo("/account/two-factor");
        assertThat(browser.get("/api/v1/me").statusCode()).isEqualTo(401);

        HttpResponse<String> setUp = browser.get("/account/two-factor");
        assertThat(setUp.statusCode()).isEqualTo(200);
        assertThat(setUp.body()).contains("<svg").contains("Set up your authenticator app");
        AuthenticatorApp app = new AuthenticatorApp(find(SECRET, setUp.body()));

        HttpResponse<String> wrong = browser.postForm("/account/two-factor", Map.of("code", "000000"));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("Enter the security code shown in your app now");
        assertThat(find(SECRET, wrong.body())).as("a mistyped code keeps the same key").isEqualTo(find(SECRET, setUp.body()));

        Instant setUpAt = Instant.now();
        String setUpCode = app.codeAt(setUpAt);
        HttpResponse<String> confirmed = browser.postForm("/account/two-factor", Map.of("code", setUpCode));
        assertThat(confirmed.statusCode()).isEqualTo(200);
        List<String> recoveryCodes = findAll(RECOVERY, confirmed.body());
        assertThat(recoveryCodes).hasSize(10).doesNotHaveDuplicates();
        assertThat(browser.get("/account").body()).contains("Morgan Manager");
        assertThat(jdbc.sql("select last_used_step from identity.totp_credential where account_id = ?")
                .param(accounts.byEmail("manager@riverside.example").orElseThrow().id())
                .query(Long.class).single()).isEqualTo(setUpAt.getEpochSecond() / 30);

        // next sign-in: password, then the code from the app
        browser.postForm("/sign-out", Map.of());
        WebSession next = new WebSession(port);
        assertThat(WebSession.location(next.signIn("manager@riverside.example", CivitasTest.DEMO_PASSWORD))).isEqualTo("/sign-in/two-factor");
        assertThat(WebSession.location(next.get("/account"))).isEqualTo("/sign-in/two-factor");
        next.get("/sign-in/two-factor");
        HttpResponse<String> reused = next.postForm("/sign-in/two-factor", Map.of("code", setUpCode));
        assertThat(reused.statusCode()).as("the code used to set up cannot be used again").isEqualTo(200);
        assertThat(reused.body()).contains("Enter the security code shown in your app now");

        HttpResponse<String> recovered = next.postForm("/sign-in/two-factor", Map.of("code", recoveryCodes.get(0)));
        assertThat(recovered.statusCode()).isEqualTo(302);
        assertThat(next.get("/account").statusCode()).isEqualTo(200);

        // a recovery code works once only
        WebSession third = new WebSession(port);
        third.signIn("manager@riverside.example", CivitasTest.DEMO_PASSWORD);
        third.get("/sign-in/two-factor");
        assertThat(third.postForm("/sign-in/two-factor", Map.of("code", recoveryCodes.get(0))).statusCode()).isEqualTo(200);
        assertThat(third.postForm("/sign-in/two-factor", Map.of("code", recoveryCodes.get(1))).statusCode()).isEqualTo(302);
    }

    @Test
    void fiveWrongCodesEndTheSignIn() {
        WebSession browser = new WebSession(port);
        browser.signIn("caseworker@riverside.example", CivitasTest.DEMO_PASSWORD);
        HttpResponse<String> setUp = browser.get("/account/two-factor");
        AuthenticatorApp app = new AuthenticatorApp(find(SECRET, setUp.body()));
        browser.postForm("/account/two-factor", Map.of("code", app.codeAt(Instant.now())));
        browser.postForm("/sign-out", Map.of());

        WebSession guesser = new WebSession(port);
        guesser.signIn("caseworker@riverside.example", CivitasTest.DEMO_PASSWORD);
        guesser.get("/sign-in/two-factor");
        HttpResponse<String> last = null;
        for (int i = 0; i < 5; i++) {
            last = guesser.postForm("/sign-in/two-factor", Map.of("code", String.format("%06d", 111111 * (i + 1) % 1_000_000)));
        }
        assertThat(WebSession.location(last)).isEqualTo("/sign-in?error=attempts");
        assertThat(WebSession.location(guesser.get("/account"))).isEqualTo("/sign-in");
    }

    @Test
    void citizensNeedNoSecondFactor() {
        WebSession browser = new WebSession(port);
        assertThat(WebSession.location(browser.signIn("citizen@riverside.example", CivitasTest.DEMO_PASSWORD))).isEqualTo("/");
    }

    private static String find(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        assertThat(matcher.find()).as("page contains " + pattern).isTrue();
        return matcher.group(1);
    }

    private static List<String> findAll(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        List<String> all = new ArrayList<>();
        while (matcher.find()) {
            all.add(matcher.group(1));
        }
        return all;
    }
}

package org.civitas.identity;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.civitas.CivitasTest;
import org.civitas.identity.account.AccountService;
import org.civitas.identity.mfa.SecondFactor;
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

    @org.springframework.beans.factory.annotation.Autowired
    AccountService accountService;

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
    void wrongCodesAreCountedPerAccountSoSigningInAgainDoesNotStartAfresh() {
        String email = "counted-codes@riverside.example";
        AuthenticatorApp app = enrolledStaff(email);

        WebSession first = signedInWithPassword(email);
        for (int i = 0; i < SecondFactor.FREE_FAILURES; i++) {
            HttpResponse<String> wrong = first.postForm("/sign-in/two-factor", Map.of("code", wrongCode(app, i)));
            assertThat(wrong.statusCode()).isEqualTo(200);
            assertThat(wrong.body()).contains("Enter the security code shown in your app now");
        }
        assertThat(failedAttempts(email)).isEqualTo(SecondFactor.FREE_FAILURES);

        // signing in again with the password does not reset the count: straight away, even the right code is not checked
        WebSession again = signedInWithPassword(email);
        HttpResponse<String> tooSoon = again.postForm("/sign-in/two-factor", Map.of("code", app.codeAt(Instant.now().plusSeconds(30))));
        assertThat(tooSoon.statusCode()).isEqualTo(429);
        assertThat(tooSoon.headers().firstValue("Retry-After")).isPresent();
        assertThat(tooSoon.body()).contains("too many wrong codes");
        assertThat(WebSession.location(again.get("/account"))).as("still not signed in").isEqualTo("/sign-in/two-factor");

        // once the wait is over a wrong code counts again, and at the limit the second factor is locked
        for (int i = SecondFactor.FREE_FAILURES; i < SecondFactor.LOCK_AFTER; i++) {
            waitedLongEnough(email);
            HttpResponse<String> wrong = again.postForm("/sign-in/two-factor", Map.of("code", wrongCode(app, i)));
            if (i < SecondFactor.LOCK_AFTER - 1) {
                assertThat(wrong.statusCode()).isEqualTo(200);
            } else {
                assertThat(WebSession.location(wrong)).isEqualTo("/sign-in?error=attempts");
            }
        }
        assertThat(WebSession.location(again.get("/account"))).isEqualTo("/sign-in");

        // locked for everyone who knows the password, whatever code they bring
        WebSession third = signedInWithPassword(email);
        waitedLongEnough(email);
        assertThat(WebSession.location(third.postForm("/sign-in/two-factor", Map.of("code", app.codeAt(Instant.now().plusSeconds(30))))))
                .isEqualTo("/sign-in?error=attempts");

        // each refusal is in the audit trail, with the account's id and nothing typed
        UUID id = accounts.byEmail(email).orElseThrow().id();
        List<String> audited = auditEntries("SecondFactorFailed");
        assertThat(audited.stream().filter(entry -> entry.contains(id.toString())))
                .hasSizeGreaterThanOrEqualTo(SecondFactor.LOCK_AFTER + 2)
                .allSatisfy(entry -> assertThat(entry).doesNotContain(email).doesNotContain(wrongCode(app, 0)));
    }

    @Test
    void parallelWrongCodesCannotGetPastTheLimit() throws Exception {
        String email = "parallel-codes@riverside.example";
        AuthenticatorApp app = enrolledStaff(email);
        int guessers = 12;
        List<WebSession> sessions = new ArrayList<>();
        for (int i = 0; i < guessers; i++) {
            sessions.add(signedInWithPassword(email));
        }
        ExecutorService pool = Executors.newFixedThreadPool(guessers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < guessers; i++) {
                WebSession session = sessions.get(i);
                String guess = wrongCode(app, i);
                answers.add(pool.submit(() -> {
                    start.await();
                    return session.postForm("/sign-in/two-factor", Map.of("code", guess));
                }));
            }
            start.countDown();
            int checked = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                if (response.statusCode() == 200 && response.body().contains("Enter the security code shown in your app now")) {
                    checked++;
                }
            }
            assertThat(checked).as("codes checked (the others refused unchecked)").isLessThanOrEqualTo(SecondFactor.FREE_FAILURES);
            assertThat(failedAttempts(email)).isLessThanOrEqualTo(SecondFactor.FREE_FAILURES);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aConfirmedSecretIsNeverShownAgainAndReplacingTheAppNeedsTheCurrentCode() {
        String email = "never-shown@riverside.example";
        WebSession browser = signedInWithPassword(email);
        HttpResponse<String> setUp = browser.get("/account/two-factor");
        String secret = find(SECRET, setUp.body());
        AuthenticatorApp app = new AuthenticatorApp(secret);
        assertThat(browser.postForm("/account/two-factor", Map.of("code", app.codeAt(Instant.now()))).statusCode()).isEqualTo(200);

        // a wrong code posted to the set-up page shows neither the key nor the QR code of the app in force
        browser.get("/account");
        HttpResponse<String> wrong = browser.postForm("/account/two-factor", Map.of("code", "000000"));
        assertThat(wrong.body()).doesNotContain(secret).doesNotContain(secret.replace(" ", "")).doesNotContain("<svg");
        assertThat(WebSession.location(wrong)).isEqualTo("/account");
        assertThat(browser.get("/account/two-factor").body()).doesNotContain(secret);

        // replacing the app: a wrong code is refused and shows nothing
        assertThat(browser.get("/account/two-factor/replace").statusCode()).isEqualTo(200);
        HttpResponse<String> refused = browser.postForm("/account/two-factor/replace", Map.of("code", wrongCode(app, 0)));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Enter the security code shown in your app now").doesNotContain(secret).doesNotContain("<svg");

        // the current code lets the person set up a new app, with a new key
        HttpResponse<String> replaced = browser.postForm("/account/two-factor/replace", Map.of("code", app.codeAt(Instant.now().plusSeconds(30))));
        assertThat(WebSession.location(replaced)).isEqualTo("/account/two-factor");
        String fresh = find(SECRET, browser.get("/account/two-factor").body());
        assertThat(fresh).isNotEqualTo(secret);
        assertThat(auditEntries("SecondFactorReplaced")).anySatisfy(entry -> assertThat(entry)
                .contains(accounts.byEmail(email).orElseThrow().id().toString()));
    }

    @Test
    void anAdministratorResetsALostAppAndThePersonSetsUpANewOneAtTheirNextSignIn() {
        String email = "lost-phone@riverside.example";
        AuthenticatorApp lost = enrolledStaff(email);
        UUID id = accounts.byEmail(email).orElseThrow().id();
        WebSession person = signedInWithPassword(email);
        assertThat(WebSession.location(person.postForm("/sign-in/two-factor", Map.of("code", lost.codeAt(Instant.now().plusSeconds(30))))))
                .isEqualTo("/");

        WebSession admin = signedInWithPassword("admin@riverside.example", CivitasTest.DEMO_PASSWORD);
        if (WebSession.location(admin.get("/account")).equals("/account/two-factor")) {
            AuthenticatorApp adminApp = new AuthenticatorApp(find(SECRET, admin.get("/account/two-factor").body()));
            admin.postForm("/account/two-factor", Map.of("code", adminApp.codeAt(Instant.now())));
        }
        HttpResponse<String> edit = admin.get("/admin/staff/" + id);
        assertThat(edit.body()).contains("Reset authenticator app");
        HttpResponse<String> reset = admin.postForm("/admin/staff/" + id + "/second-factor/reset", Map.of());
        assertThat(WebSession.location(reset)).isEqualTo("/admin/staff/" + id + "?done=second-factor-reset");
        assertThat(admin.get("/admin/staff/" + id + "?done=second-factor-reset").body()).contains("Authenticator app reset")
                .doesNotContain("id=\"reset-second-factor\"");

        assertThat(WebSession.location(person.get("/account"))).as("their sessions ended").isEqualTo("/sign-in");
        WebSession next = new WebSession(port);
        assertThat(WebSession.location(next.signIn(email, PASSWORD))).isEqualTo("/account/two-factor");
        String fresh = find(SECRET, next.get("/account/two-factor").body());
        assertThat(new AuthenticatorApp(fresh).codeAt(Instant.now())).isNotEqualTo(lost.codeAt(Instant.now()));
        assertThat(auditEntries("SecondFactorReset")).anySatisfy(entry -> assertThat(entry).contains(id.toString()).doesNotContain(email));

        // the same through the API, for administrators only
        WebSession citizen = signedInWithPassword("citizen@riverside.example", CivitasTest.DEMO_PASSWORD);
        citizen.get("/account");
        assertThat(citizen.send(citizen.request("/api/v1/admin/staff/" + id + "/second-factor/reset")
                .header("X-CSRF-TOKEN", citizen.csrfToken()).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build())
                .statusCode()).isEqualTo(403);
        admin.get("/account");
        assertThat(admin.send(admin.request("/api/v1/admin/staff/" + id + "/second-factor/reset")
                .header("X-CSRF-TOKEN", admin.csrfToken()).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build())
                .statusCode()).isEqualTo(204);
        assertThat(admin.send(admin.request("/api/v1/admin/staff/" + UUID.randomUUID() + "/second-factor/reset")
                .header("X-CSRF-TOKEN", admin.csrfToken()).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build())
                .statusCode()).isEqualTo(404);
    }

    private static final String PASSWORD = "staff-password-for-tests";

    /** A member of staff with an authenticator app already set up; returns their app. */
    private AuthenticatorApp enrolledStaff(String email) {
        WebSession browser = signedInWithPassword(email);
        AuthenticatorApp app = new AuthenticatorApp(find(SECRET, browser.get("/account/two-factor").body()));
        assertThat(browser.postForm("/account/two-factor", Map.of("code", app.codeAt(Instant.now()))).statusCode()).isEqualTo(200);
        return app;
    }

    private WebSession signedInWithPassword(String email) {
        if (accounts.byEmail(email).isEmpty()) {
            accountService.createStaff(email, "Test Staff", PASSWORD, java.util.Set.of(Role.CASEWORKER), java.util.Set.of(), null);
        }
        return signedInWithPassword(email, PASSWORD);
    }

    private WebSession signedInWithPassword(String email, String password) {
        WebSession browser = new WebSession(port);
        String to = WebSession.location(browser.signIn(email, password));
        assertThat(to).isIn("/sign-in/two-factor", "/account/two-factor", "/");
        browser.get(to);
        return browser;
    }

    /** A code the app does not show now (nor just before or after). */
    private static String wrongCode(AuthenticatorApp app, int n) {
        Instant now = Instant.now();
        java.util.Set<String> valid = java.util.Set.of(app.codeAt(now.minusSeconds(30)), app.codeAt(now), app.codeAt(now.plusSeconds(30)),
                app.codeAt(now.plusSeconds(60)));
        for (int candidate = 100_000 + 7_919 * n; ; candidate++) {
            String code = String.format("%06d", candidate % 1_000_000);
            if (!valid.contains(code)) {
                return code;
            }
        }
    }

    private int failedAttempts(String email) {
        return jdbc.sql("select failed_attempts from identity.totp_credential where account_id = ?")
                .param(accounts.byEmail(email).orElseThrow().id()).query(Integer.class).single();
    }

    /** As if the person had waited out the growing delay since their last wrong code, and any lock. */
    private void waitedLongEnough(String email) {
        jdbc.sql("""
                update identity.totp_credential set last_failed_at = last_failed_at - interval '10 minutes',
                    locked_until = case when locked_until is null then null else now() + interval '1 hour' end
                where account_id = ?""")
                .param(accounts.byEmail(email).orElseThrow().id()).update();
    }

    private List<String> auditEntries(String event) {
        return jdbc.sql("""
                        select convert_from(entry, 'UTF8') from trust.audit_queue union all select convert_from(entry, 'UTF8') from trust.audit_log""")
                .query(String.class).list().stream().filter(entry -> entry.contains(event)).toList();
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

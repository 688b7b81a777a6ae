package org.civitas.identity;

import java.net.http.HttpResponse;
import java.util.Map;

import org.civitas.CivitasTest;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@CivitasTest
class SignInTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.civitas.identity.account.Accounts accounts;

    @Test
    void emailsAndNamesAreSealedAndFoundByAKeyedHashNeverStoredInClear() {
        String stored = jdbc.sql("""
                select string_agg(coalesce(email, '') || coalesce(display_name, '') || encode(email_sealed, 'escape')
                                  || encode(name_sealed, 'escape'), ' ') from identity.account
                """).query(String.class).single();
        assertThat(stored).doesNotContain("riverside.example").doesNotContain("Chris Citizen");
        assertThat(accounts.byEmail("CITIZEN@riverside.example")).hasValueSatisfying(account -> {
            assertThat(account.email()).isEqualTo("citizen@riverside.example");
            assertThat(account.displayName()).isEqualTo("Chris Citizen");
        });
    }

    @Test
    void citizenSignsInSeesTheirAccountAndSignsOut() {
        WebSession browser = new WebSession(port);
        HttpResponse<String> signIn = browser.signIn("citizen@riverside.example", CivitasTest.DEMO_PASSWORD);
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(WebSession.location(signIn)).isEqualTo("/");

        HttpResponse<String> account = browser.get("/account");
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(account.body()).contains("Chris Citizen").contains("Resident");

        HttpResponse<String> signOut = browser.postForm("/sign-out", Map.of());
        assertThat(signOut.statusCode()).isEqualTo(302);
        assertThat(WebSession.location(browser.get("/account"))).isEqualTo("/sign-in");
    }

    @Test
    void signingInGivesANewSessionId() {
        WebSession browser = new WebSession(port);
        browser.get("/sign-in");
        String before = sessionCookie(browser.get("/sign-in"));
        HttpResponse<String> signIn = browser.postForm("/sign-in",
                Map.of("email", "citizen@riverside.example", "password", CivitasTest.DEMO_PASSWORD));
        String after = signIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("CIVITAS_SESSION="))
                .findFirst().orElseThrow();
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void signOutNeedsTheCsrfToken() {
        WebSession browser = new WebSession(port);
        browser.signIn("citizen@riverside.example", CivitasTest.DEMO_PASSWORD);
        HttpResponse<String> forged = browser.postForm("/sign-out", Map.of("_csrf", "forged"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(browser.get("/account").statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
        WebSession first = new WebSession(port);
        HttpResponse<String> wrongPassword = first.signIn("caseworker@riverside.example", "not-the-password-1");
        WebSession second = new WebSession(port);
        HttpResponse<String> unknown = second.signIn("nobody-here@riverside.example", "not-the-password-1");

        assertThat(wrongPassword.statusCode()).isEqualTo(302);
        assertThat(WebSession.location(wrongPassword)).isEqualTo(WebSession.location(unknown)).isEqualTo("/sign-in?error=credentials");
        String page = first.get("/sign-in?error=credentials").body();
        assertThat(page).contains("Enter a correct email address and password").contains("govuk-error-summary");
    }

    @Test
    void repeatedFailuresLockTheAccountEvenForTheRightPassword() {
        String email = "locked-out@riverside.example";
        WebSession owner = new WebSession(port);
        owner.get("/register");
        owner.postForm("/register", Map.of("name", "Lee Locked", "email", email, "password", "a-long-enough-password"));

        jdbc.sql("delete from identity.sign_in_throttle").update();
        WebSession attacker = new WebSession(port);
        for (int i = 0; i < 3; i++) {
            assertThat(WebSession.location(attacker.signIn(email, "guess-number-" + i))).isEqualTo("/sign-in?error=credentials");
        }
        // the fourth attempt straight away is slowed: refused without checking the password
        assertThat(WebSession.location(attacker.signIn(email, "a-long-enough-password"))).isEqualTo("/sign-in?error=attempts");

        // after ten failures the account is locked for 15 minutes, whatever is typed
        jdbc.sql("update identity.sign_in_throttle set failures = 9, last_failure_at = now() - interval '2 minutes' where throttle_key like 'account:%'").update();
        assertThat(WebSession.location(attacker.signIn(email, "guess-again-10"))).isEqualTo("/sign-in?error=credentials");
        jdbc.sql("update identity.sign_in_throttle set last_failure_at = now() - interval '5 minutes' where throttle_key like 'account:%'").update();
        assertThat(WebSession.location(new WebSession(port).signIn(email, "a-long-enough-password"))).isEqualTo("/sign-in?error=attempts");
        assertThat(new WebSession(port).get("/sign-in?error=attempts").body()).contains("too many attempts");

        // an unknown e-mail is throttled in just the same way, so lockout does not reveal who has an account
        for (int i = 0; i < 3; i++) {
            attacker.signIn("no-such-person@riverside.example", "guess-" + i);
        }
        assertThat(WebSession.location(attacker.signIn("no-such-person@riverside.example", "guess-4"))).isEqualTo("/sign-in?error=attempts");

        // once the lock has passed, the right password works and clears the count
        jdbc.sql("update identity.sign_in_throttle set locked_until = now() - interval '1 second', last_failure_at = now() - interval '16 minutes'").update();
        assertThat(WebSession.location(owner.signIn(email, "a-long-enough-password"))).isEqualTo("/");
        jdbc.sql("delete from identity.sign_in_throttle").update();
    }

    @Test
    void registrationCreatesACitizenAccountAndSignsIn() {
        WebSession browser = new WebSession(port);
        browser.get("/register");
        HttpResponse<String> created = browser.postForm("/register",
                Map.of("name", "Rita Resident", "email", "Rita.Resident@Example.org", "password", "correct horse battery"));
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(WebSession.location(created)).isEqualTo("/account?registered");
        assertThat(browser.get("/account?registered").body()).contains("Your account has been created").contains("Rita Resident");

        WebSession later = new WebSession(port);
        assertThat(WebSession.location(later.signIn("rita.resident@example.org", "correct horse battery"))).isEqualTo("/");
    }

    @Test
    void registrationNamesEachFieldThatBreaksARuleAndWritesNothing() {
        int before = accounts();
        WebSession browser = new WebSession(port);
        browser.get("/register");
        HttpResponse<String> response = browser.postForm("/register", Map.of("name", "", "email", "not-an-email", "password", "short"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .contains("Enter your full name")
                .contains("Enter an email address in the correct format")
                .contains("Password must be 10 characters or more")
                .contains("href=\"#name\"").contains("href=\"#email\"").contains("href=\"#password\"")
                .contains("<title>Error:");
        assertThat(accounts()).isEqualTo(before);
    }

    @Test
    void registeringAnEmailTwiceIsRefused() {
        WebSession browser = new WebSession(port);
        browser.get("/register");
        HttpResponse<String> response = browser.postForm("/register",
                Map.of("name", "Someone Else", "email", "CITIZEN@riverside.example", "password", "another good password"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("An account already uses this email address");
    }

    @Test
    void passwordsAreStoredAsArgon2idHashes() {
        String hash = jdbc.sql("select password_hash from identity.account where id = ?")
                .param(accounts.byEmail("citizen@riverside.example").orElseThrow().id()).query(String.class).single();
        assertThat(hash).startsWith("{argon2}$argon2id$").doesNotContain(CivitasTest.DEMO_PASSWORD);
    }

    @Test
    void sessionsLiveInPostgresql() {
        WebSession browser = new WebSession(port);
        browser.signIn("citizen@riverside.example", CivitasTest.DEMO_PASSWORD);
        String accountId = accounts.byEmail("citizen@riverside.example").orElseThrow().id().toString();
        assertThat(jdbc.sql("select count(*) from identity.spring_session where principal_name = ?").param(accountId)
                .query(Integer.class).single()).isPositive();
    }

    private int accounts() {
        return jdbc.sql("select count(*) from identity.account").query(Integer.class).single();
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("CIVITAS_SESSION=")).findFirst().orElse("");
    }
}

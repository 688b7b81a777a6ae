package org.civitas.identity.security;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.civitas.CivitasTest;
import org.civitas.identity.account.Accounts;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** The password sign-in under attack: parallel guesses, what the throttle table gives away, and the hash's strength. */
@CivitasTest
class PasswordSignInHardeningTest {

    private static final Pattern ARGON2 = Pattern.compile("\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SignInThrottle throttle;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    Accounts accounts;

    @Test
    void parallelWrongPasswordsCannotAllGetPastTheThrottleWhileTheFirstAreHashed() throws Exception {
        String email = "raced-" + UUID.randomUUID() + "@riverside.example";
        int guessers = 12;
        List<WebSession> sessions = new ArrayList<>();
        for (int i = 0; i < guessers; i++) {
            WebSession session = new WebSession(port);
            session.get("/sign-in");
            sessions.add(session);
        }
        ExecutorService pool = Executors.newFixedThreadPool(guessers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < guessers; i++) {
                WebSession session = sessions.get(i);
                String guess = "parallel-guess-" + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return session.postForm("/sign-in", Map.of("email", email, "password", guess));
                }));
            }
            start.countDown();
            int checked = 0;
            int refused = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                String location = WebSession.location(answer.get(60, TimeUnit.SECONDS));
                if (location.equals("/sign-in?error=credentials")) {
                    checked++;
                } else if (location.equals("/sign-in?error=attempts")) {
                    refused++;
                }
            }
            assertThat(checked).as("passwords checked; the rest refused unchecked").isLessThanOrEqualTo(SignInThrottle.FREE_FAILURES);
            assertThat(checked + refused).isEqualTo(guessers);
        } finally {
            pool.shutdownNow();
            jdbc.sql("delete from identity.sign_in_throttle").update();
        }
    }

    @Test
    void throttleRowsAreKeyedWithAnHmacNeverTheTypedEmailOrTheAddress() throws Exception {
        String email = "keyed-" + UUID.randomUUID() + "@riverside.example";
        new WebSession(port).signIn(email, "a-wrong-password-1");
        List<String> keys = jdbc.sql("select throttle_key from identity.sign_in_throttle").query(String.class).list();
        String bareHash = "account:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(("civitas-sign-in:" + email).getBytes(StandardCharsets.UTF_8)));
        String plainHash = "account:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(email.getBytes(StandardCharsets.UTF_8)));
        assertThat(keys).contains(throttle.accountKey(email)).doesNotContain(bareHash, plainHash)
                .noneMatch(key -> key.contains(email) || key.contains("127.0.0.1") || key.contains("0:0:0:0:0:0:0:1"));
        assertThat(throttle.accountKey(email)).matches("account:[0-9a-f]{64}");
        jdbc.sql("delete from identity.sign_in_throttle").update();
    }

    @Test
    void rowsArePurgedOnceTheirWindowHasPassedButNotWhileLocked() {
        jdbc.sql("delete from identity.sign_in_throttle").update();
        jdbc.sql("""
                insert into identity.sign_in_throttle (throttle_key, failures, last_failure_at, locked_until) values
                    ('account:stale', 2, now() - interval '16 minutes', null),
                    ('account:lock-over', 10, now() - interval '31 minutes', now() - interval '16 minutes'),
                    ('account:recent', 2, now() - interval '1 minute', null),
                    ('account:still-locked', 10, now() - interval '20 minutes', now() + interval '5 minutes')""").update();
        assertThat(throttle.purge()).isEqualTo(2);
        assertThat(jdbc.sql("select throttle_key from identity.sign_in_throttle order by throttle_key").query(String.class).list())
                .containsExactly("account:recent", "account:still-locked");
        jdbc.sql("delete from identity.sign_in_throttle").update();
    }

    @Test
    void passwordsAreHashedWithArgon2idAtOwaspsParametersOrAbove() {
        Matcher parameters = ARGON2.matcher(passwordEncoder.encode("a-password-of-some-length"));
        assertThat(parameters.find()).isTrue();
        assertThat(Integer.parseInt(parameters.group(1))).as("memory in KiB").isGreaterThanOrEqualTo(19 * 1024);
        assertThat(Integer.parseInt(parameters.group(2))).as("passes").isGreaterThanOrEqualTo(2);
        assertThat(Integer.parseInt(parameters.group(3))).as("lanes").isEqualTo(1);
    }

    @Test
    void aWeakerOldHashIsUpgradedAtTheNextRightPassword() {
        String email = "old-hash-" + UUID.randomUUID() + "@riverside.example";
        String password = "an-old-but-right-password";
        WebSession owner = new WebSession(port);
        owner.get("/register");
        assertThat(owner.postForm("/register", Map.of("name", "Olga Oldhash", "email", email, "password", password)).statusCode())
                .isEqualTo(302);
        UUID id = accounts.byEmail(email).orElseThrow().id();
        // as hashed before this change: Spring Security's 5.8 defaults, 16 MiB
        String old = "{argon2}" + Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(password);
        jdbc.sql("update identity.account set password_hash = ? where id = ?").params(old, id).update();

        assertThat(WebSession.location(new WebSession(port).signIn(email, "not-" + password))).isEqualTo("/sign-in?error=credentials");
        assertThat(hash(id)).as("a wrong password changes nothing").isEqualTo(old);

        assertThat(WebSession.location(new WebSession(port).signIn(email, password))).isEqualTo("/");
        String upgraded = hash(id);
        assertThat(upgraded).isNotEqualTo(old).startsWith("{argon2}$argon2id$");
        Matcher parameters = ARGON2.matcher(upgraded);
        assertThat(parameters.find()).isTrue();
        assertThat(Integer.parseInt(parameters.group(1))).isGreaterThanOrEqualTo(19 * 1024);
        assertThat(WebSession.location(new WebSession(port).signIn(email, password))).as("the new hash works").isEqualTo("/");
        assertThat(hash(id)).as("and is not made again at every sign-in").isEqualTo(upgraded);
        jdbc.sql("delete from identity.sign_in_throttle").update();
    }

    private String hash(UUID id) {
        return jdbc.sql("select password_hash from identity.account where id = ?").param(id).query(String.class).single();
    }
}

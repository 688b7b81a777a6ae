package org.civitas.platform.ratelimit;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import org.civitas.CivitasTest;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, rate limits: each surface answers a request over its limit with 429, {@code Retry-After}
 * and its own error format; limits are counted per client address as the trusted proxy reports it
 * ({@code X-Forwarded-For} from 127.0.0.1), or per API key; a limit holds across nodes (two
 * limiters with their own memory, on the one database) and resets after its window; refilled
 * buckets are deleted. The suite's other tests run with rate limits off; this context turns them on
 * with small limits.
 */
@CivitasTest
@TestPropertySource(properties = {
        "civitas.rate-limit.enabled=true",
        "civitas.rate-limit.sign-in=3/1h",
        "civitas.rate-limit.register=2/1h",
        "civitas.rate-limit.feedback=2/1h",
        "civitas.rate-limit.second-factor=2/1h",
        "civitas.rate-limit.satisfaction=2/1h",
        "civitas.rate-limit.photo=2/1h",
        "civitas.rate-limit.api=3/1h",
        "civitas.rate-limit.open311-post=2/1h",
        "civitas.rate-limit.open311-get=3/1h"})
class RateLimitTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RateLimiter limiter;

    private static final java.util.concurrent.atomic.AtomicInteger ADDRESSES = new java.util.concurrent.atomic.AtomicInteger();

    /** A client address of its own for each use (documentation range), as the proxy reports it. */
    private static String address() {
        return "203.0.113." + ADDRESSES.incrementAndGet();
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
        String retryAfter = response.headers().firstValue("Retry-After").orElseThrow();
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 3600L);
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        }
        catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }

    @Test
    void signInIsLimitedPerClientAddressAndRefusedWithTheErrorPage() {
        String address = "198.51.100.7";
        WebSession session = new WebSession(port);
        session.get("/sign-in");
        String form = WebSession.form(Map.of("email", "nobody@example.org", "password", "wrong-password-1", "_csrf", session.csrfToken()));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> allowed = session.postRaw("/sign-in", "application/x-www-form-urlencoded", form, "X-Forwarded-For", address);
            assertThat(allowed.statusCode()).as(allowed.body()).isNotEqualTo(429);
        }
        HttpResponse<String> refused = session.postRaw("/sign-in", "application/x-www-form-urlencoded", form, "X-Forwarded-For", address);
        assertRefused(refused);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(refused.body()).contains("Sorry, there have been too many attempts").contains("govuk-")
                .doesNotContain("nobody@example.org").doesNotContainIgnoringCase("exception");
        // another address behind the same proxy is counted apart
        HttpResponse<String> other = session.postRaw("/sign-in", "application/x-www-form-urlencoded", form, "X-Forwarded-For", "198.51.100.8");
        assertThat(other.statusCode()).isNotEqualTo(429);
        // the refused attempt never reached the password check: no new throttle count for it
    }

    @Test
    void registrationAndFeedbackAreLimitedPerAddress() {
        String address = address();
        WebSession session = new WebSession(port);
        session.get("/register");
        String token = session.csrfToken();
        for (int i = 0; i < 2; i++) {
            String body = WebSession.form(Map.of("name", "Rate Limited", "email", "rl-" + UUID.randomUUID() + "@example.org",
                    "password", "short", "_csrf", token));
            assertThat(session.postRaw("/register", "application/x-www-form-urlencoded", body, "X-Forwarded-For", address).statusCode())
                    .isNotEqualTo(429);
        }
        int accounts = jdbc.sql("select count(*) from identity.account").query(Integer.class).single();
        HttpResponse<String> refused = session.postRaw("/register", "application/x-www-form-urlencoded", WebSession.form(Map.of(
                "name", "Rate Limited", "email", "rl-" + UUID.randomUUID() + "@example.org", "password", "a-long-enough-password",
                "_csrf", token)), "X-Forwarded-For", address);
        assertRefused(refused);
        assertThat(jdbc.sql("select count(*) from identity.account").query(Integer.class).single()).isEqualTo(accounts);

        String feedbackAddress = address();
        WebSession resident = new WebSession(port);
        resident.get("/feedback?from=/");
        String feedback = WebSession.form(Map.of("from", "/", "message", "The page is fine.", "_csrf", resident.csrfToken()));
        for (int i = 0; i < 2; i++) {
            assertThat(resident.postRaw("/feedback", "application/x-www-form-urlencoded", feedback, "X-Forwarded-For", feedbackAddress)
                    .statusCode()).isNotEqualTo(429);
        }
        assertRefused(resident.postRaw("/feedback", "application/x-www-form-urlencoded", feedback, "X-Forwarded-For", feedbackAddress));
    }

    /**
     * The second factor (both of its forms share one bucket), satisfaction and photo uploads: counted
     * before security or the handler look at the request, so even a POST they would refuse counts.
     */
    @Test
    void theSecondFactorSatisfactionAndPhotoUploadsAreLimitedPerAddress() {
        WebSession session = new WebSession(port);
        String address = address();
        assertThat(session.postRaw("/sign-in/two-factor", "application/x-www-form-urlencoded", "code=123456", "X-Forwarded-For", address)
                .statusCode()).isNotEqualTo(429);
        assertThat(session.postRaw("/account/two-factor", "application/x-www-form-urlencoded", "code=123456", "X-Forwarded-For", address)
                .statusCode()).isNotEqualTo(429);
        assertRefused(session.postRaw("/sign-in/two-factor", "application/x-www-form-urlencoded", "code=654321", "X-Forwarded-For", address));

        for (String path : List.of("/track/RBC-AAAA-AAAA/satisfaction", "/report/pothole/photo")) {
            String from = address();
            for (int i = 0; i < 2; i++) {
                assertThat(session.postRaw(path, "application/x-www-form-urlencoded", "rating=5", "X-Forwarded-For", from).statusCode())
                        .as(path).isNotEqualTo(429);
            }
            assertRefused(session.postRaw(path, "application/x-www-form-urlencoded", "rating=5", "X-Forwarded-For", from));
            // another address is not refused
            assertThat(session.postRaw(path, "application/x-www-form-urlencoded", "rating=5", "X-Forwarded-For", address()).statusCode())
                    .as(path).isNotEqualTo(429);
        }
    }

    @Test
    void theNativeApiIsLimitedPerKeyWithAProblemDocument() {
        WebSession client = new WebSession(port);
        String address = address();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> allowed = client.get("/api/v1/me", "X-Api-Key", CivitasTest.DEMO_API_KEY, "X-Forwarded-For", address());
            assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        }
        // per key: a fourth call from yet another address is refused
        HttpResponse<String> refused = client.get("/api/v1/me", "X-Api-Key", CivitasTest.DEMO_API_KEY, "X-Forwarded-For", address);
        assertRefused(refused);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(refused).get("status").asInt()).isEqualTo(429);
        assertThat(json(refused).get("title").asText()).isNotBlank();
        // a made-up key does not buy a bucket of its own: it counts against its address
        String guesser = address();
        for (int i = 0; i < 3; i++) {
            client.get("/api/v1/me", "X-Api-Key", "civ_made_up_" + i, "X-Forwarded-For", guesser);
        }
        assertRefused(client.get("/api/v1/me", "X-Api-Key", "civ_made_up_again", "X-Forwarded-For", guesser));
    }

    @Test
    void open311PostsAreLimitedPerKeyAndReadsPerAddressInOpen311sErrorFormat() {
        WebSession client = new WebSession(port);
        String address = address();
        for (int i = 0; i < 3; i++) {
            assertThat(client.get("/open311/v2/services.json", "X-Forwarded-For", address).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refusedRead = client.get("/open311/v2/services.json", "X-Forwarded-For", address);
        assertRefused(refusedRead);
        assertThat(json(refusedRead).isArray()).isTrue();
        assertThat(json(refusedRead).get(0).get("code").asInt()).isEqualTo(429);
        assertThat(json(refusedRead).get(0).get("description").asText()).contains("Retry-After");
        HttpResponse<String> refusedXml = client.get("/open311/v2/services.xml", "X-Forwarded-For", address);
        assertRefused(refusedXml);
        assertThat(refusedXml.body()).contains("<errors>").contains("<code>429</code>");

        String post = WebSession.form(Map.of("api_key", CivitasTest.DEMO_API_KEY, "service_code", "no-such-service"));
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> allowed = client.postRaw("/open311/v2/requests.json", "application/x-www-form-urlencoded", post,
                    "X-Forwarded-For", address());
            assertThat(allowed.statusCode()).as(allowed.body()).isNotEqualTo(429);
        }
        HttpResponse<String> refused = client.postRaw("/open311/v2/requests.json", "application/x-www-form-urlencoded", post,
                "X-Forwarded-For", address());
        assertRefused(refused);
        assertThat(json(refused).get(0).get("code").asInt()).isEqualTo(429);
    }

    // ---- the limiter itself, as two nodes would run it ----

    /** A clock the test moves. */
    static final class MovableClock extends Clock {

        // from now on (not a date in the past): the application's own cleaner, on the real clock, must not see these buckets as refilled
        private final AtomicLong millis = new AtomicLong(System.currentTimeMillis());

        void advance(Duration by) {
            millis.addAndGet(by.toMillis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    /** A node: its own buckets (its own memory of what it wrote) on the shared database and HMAC key. */
    private RateLimiter node(Clock clock) {
        byte[] key = jdbc.sql("select key from platform.rate_limit_key where id = 1").query((rs, n) -> rs.getBytes(1)).single();
        return new RateLimiter(new PostgresBuckets(jdbc, RateLimitConfiguration.timeOf(clock),
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO)), key);
    }

    @Test
    void aLimitHoldsAcrossTwoNodesTakingTurns() {
        MovableClock clock = new MovableClock();
        RateLimiter first = node(clock);
        RateLimiter second = node(clock);
        RateLimiter.Limit limit = new RateLimiter.Limit("two-nodes", 5, Duration.ofHours(1));
        String subject = "address " + UUID.randomUUID();
        int allowed = 0;
        for (int i = 0; i < 10; i++) {
            if ((i % 2 == 0 ? first : second).take(limit, subject).allowed()) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(5);
        assertThat(first.take(limit, subject).allowed()).isFalse();
        assertThat(second.take(limit, subject).allowed()).isFalse();
    }

    @Test
    void aLimitHoldsAcrossTwoNodesAtOnce() throws Exception {
        MovableClock clock = new MovableClock();
        List<RateLimiter> nodes = List.of(node(clock), node(clock));
        RateLimiter.Limit limit = new RateLimiter.Limit("two-nodes-at-once", 7, Duration.ofHours(1));
        String subject = "api-key " + UUID.randomUUID();
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                RateLimiter node = nodes.get(i % 2);
                calls.add(() -> node.take(limit, subject).allowed());
            }
            int allowed = 0;
            for (Future<Boolean> result : threads.invokeAll(calls)) {
                allowed += result.get() ? 1 : 0;
            }
            assertThat(allowed).isEqualTo(7);
        }
        finally {
            threads.shutdownNow();
        }
    }

    @Test
    void bucketsAreUnloggedSoTheirWritesNeverWaitForTheWriteAheadLog() {
        // counters of the last window: a crash may reset them, a limited request must not wait for a WAL flush
        assertThat(jdbc.sql("select relpersistence from pg_class where oid = 'platform.rate_limit_bucket'::regclass")
                .query(String.class).single()).isEqualTo("u");
    }

    @Test
    void aLimitResetsAfterItsWindowAndRefilledBucketsAreDeleted() {
        MovableClock clock = new MovableClock();
        RateLimiter node = node(clock);
        RateLimiter.Limit limit = new RateLimiter.Limit("window", 2, Duration.ofMinutes(1));
        String subject = "address " + UUID.randomUUID();
        assertThat(node.take(limit, subject).allowed()).isTrue();
        assertThat(node.take(limit, subject).allowed()).isTrue();
        RateLimiter.Decision refused = node.take(limit, subject);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(30); // one request comes back every half minute
        clock.advance(Duration.ofSeconds(29));
        assertThat(node.take(limit, subject).allowed()).isFalse();
        clock.advance(Duration.ofSeconds(31)); // a whole window since the bucket was emptied: full again
        assertThat(node.take(limit, subject).allowed()).isTrue();
        assertThat(node.take(limit, subject).allowed()).isTrue();
        assertThat(node.take(limit, subject).allowed()).isFalse();

        assertThat(jdbc.sql("select count(*) from platform.rate_limit_bucket where id like 'window:%'").query(Integer.class).single())
                .isEqualTo(1);
        PostgresBuckets cleaner = new PostgresBuckets(jdbc, RateLimitConfiguration.timeOf(clock),
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO));
        cleaner.removeExpired();
        assertThat(jdbc.sql("select count(*) from platform.rate_limit_bucket where id like 'window:%'").query(Integer.class).single())
                .as("not yet refilled").isEqualTo(1);
        clock.advance(Duration.ofMinutes(2));
        assertThat(cleaner.removeExpired()).isPositive();
        assertThat(jdbc.sql("select count(*) from platform.rate_limit_bucket where id like 'window:%'").query(Integer.class).single())
                .isZero();
        // the node that remembered the deleted bucket starts it afresh
        assertThat(node.take(limit, subject).allowed()).isTrue();
        assertThat(node.take(limit, subject).allowed()).isTrue();
        assertThat(node.take(limit, subject).allowed()).isFalse();
        // ids name the limit and an HMAC, never the subject
        assertThat(jdbc.sql("select count(*) from platform.rate_limit_bucket where id like ?").param("%" + subject.substring(8) + "%")
                .query(Integer.class).single()).isZero();
    }
}

package org.civitas.identity.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import org.civitas.identity.account.Accounts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Slows and then locks repeated failed sign-ins, per account identifier and per client address.
 * Counters live in PostgreSQL so every node sees them. The account key is derived from whatever
 * e-mail was typed, whether or not an account has it, so the answers never reveal which exist.
 * <p>
 * An identifier may fail {@value #FREE_FAILURES} times freely; after that each attempt must wait
 * twice as long as the last (1 s, 2 s, 4 s ...), and at {@value #LOCK_AFTER} failures it is locked
 * for {@link #LOCK_DURATION}. An address gets {@value #ADDRESS_LOCK_AFTER} failures (many people
 * may share one) before it is locked.
 */
@Component
class SignInThrottle {

    static final int FREE_FAILURES = 3;
    static final int LOCK_AFTER = 10;
    static final int ADDRESS_LOCK_AFTER = 100;
    static final Duration LOCK_DURATION = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofMinutes(15);

    enum Verdict { ALLOWED, SLOWED, LOCKED }

    record Decision(Verdict verdict, Instant retryAt) {
        static final Decision ALLOW = new Decision(Verdict.ALLOWED, null);
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    SignInThrottle(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    static String accountKey(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("civitas-sign-in:" + Accounts.normalizeEmail(email)).getBytes(StandardCharsets.UTF_8));
            return "account:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String addressKey(String address) {
        return "address:" + (address == null ? "unknown" : address);
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Decision check(String email, String address) {
        Instant now = clock.instant();
        Decision account = decide(accountKey(email), now, FREE_FAILURES, LOCK_AFTER);
        if (account.verdict() != Verdict.ALLOWED) {
            return account;
        }
        return decide(addressKey(address), now, Integer.MAX_VALUE, ADDRESS_LOCK_AFTER);
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordFailure(String email, String address) {
        Instant now = clock.instant();
        record(accountKey(email), now, LOCK_AFTER);
        record(addressKey(address), now, ADDRESS_LOCK_AFTER);
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordSuccess(String email) {
        jdbc.sql("delete from identity.sign_in_throttle where throttle_key = ?").param(accountKey(email)).update();
    }

    private Decision decide(String key, Instant now, int freeFailures, int lockAfter) {
        record Row(int failures, Timestamp lastFailureAt, Timestamp lockedUntil) {
        }
        Optional<Row> row = jdbc.sql("select failures, last_failure_at, locked_until from identity.sign_in_throttle where throttle_key = ?")
                .param(key).query(Row.class).optional();
        if (row.isEmpty()) {
            return Decision.ALLOW;
        }
        Row r = row.get();
        if (r.lockedUntil() != null && r.lockedUntil().toInstant().isAfter(now)) {
            return new Decision(Verdict.LOCKED, r.lockedUntil().toInstant());
        }
        Instant last = r.lastFailureAt().toInstant();
        if (last.plus(FORGET_AFTER).isBefore(now)) {
            return Decision.ALLOW;
        }
        if (r.failures() >= freeFailures) {
            long seconds = Math.min(60, 1L << Math.min(6, r.failures() - freeFailures));
            Instant retryAt = last.plusSeconds(seconds);
            if (retryAt.isAfter(now)) {
                return new Decision(Verdict.SLOWED, retryAt);
            }
        }
        return Decision.ALLOW;
    }

    private void record(String key, Instant now, int lockAfter) {
        Timestamp at = Timestamp.from(now);
        Timestamp forgetBefore = Timestamp.from(now.minus(FORGET_AFTER));
        Timestamp lockUntil = Timestamp.from(now.plus(LOCK_DURATION));
        // a count older than FORGET_AFTER (and not locked) starts again from one
        jdbc.sql("""
                insert into identity.sign_in_throttle as t (throttle_key, failures, last_failure_at, locked_until)
                values (:key, 1, :at, null)
                on conflict (throttle_key) do update set
                    failures = case when t.last_failure_at < :forgetBefore and (t.locked_until is null or t.locked_until < :at)
                                    then 1 else t.failures + 1 end,
                    last_failure_at = :at,
                    locked_until = case when t.last_failure_at >= :forgetBefore and t.failures + 1 >= :lockAfter
                                        then :lockUntil else t.locked_until end
                """)
                .param("key", key).param("at", at).param("forgetBefore", forgetBefore)
                .param("lockAfter", lockAfter).param("lockUntil", lockUntil)
                .update();
    }
}

package org.civitas.identity.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import org.civitas.identity.account.Accounts;
import org.civitas.trust.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Slows and then locks repeated failed sign-ins, per account identifier and per client address.
 * Counters live in PostgreSQL so every node sees them. The account key is derived from whatever
 * e-mail was typed, whether or not an account has it, so the answers never reveal which exist.
 * <p>
 * An attempt is <em>claimed</em> before the password is hashed ({@link #claim}): in one short
 * transaction both rows are locked, the verdict is taken and, when the attempt may go ahead, it is
 * counted as a failure at once. So parallel guesses take turns on the rows and cannot all pass the
 * check while the first hash is still running. A right password then clears the account's count
 * ({@link #succeeded}).
 * <p>
 * An identifier may fail {@value #FREE_FAILURES} times freely; after that each attempt must wait
 * twice as long as the last (1 s, 2 s, 4 s ...), and at {@value #LOCK_AFTER} failures it is locked
 * for {@link #LOCK_DURATION}. An address gets {@value #ADDRESS_LOCK_AFTER} failures (many people
 * may share one) before it is locked.
 * <p>
 * Keys are HMACs under the vault's lookup key ({@link PersonalData#lookupKey}), which is not in the
 * database: a copy of the table does not tell which e-mail addresses or client addresses were tried.
 * Rows whose window has passed are purged by {@link #purge}, a batch at a time, each batch claimed
 * with {@code FOR UPDATE SKIP LOCKED} so several nodes may run it at once.
 */
@Component
class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    static final int FREE_FAILURES = 3;
    static final int LOCK_AFTER = 10;
    static final int ADDRESS_LOCK_AFTER = 100;
    static final Duration LOCK_DURATION = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    static final int PURGE_BATCH = 1000;
    static final String ACCOUNT_PURPOSE = "sign-in-throttle-account";
    static final String ADDRESS_PURPOSE = "sign-in-throttle-address";

    enum Verdict { ALLOWED, SLOWED, LOCKED }

    record Decision(Verdict verdict, Instant retryAt) {
        static final Decision ALLOW = new Decision(Verdict.ALLOWED, null);
    }

    private record Row(int failures, Timestamp lastFailureAt, Timestamp lockedUntil) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final PersonalData vault;
    private final TransactionTemplate transactions;

    SignInThrottle(JdbcClient jdbc, Clock clock, PersonalData vault, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.vault = vault;
        this.transactions = transactions;
    }

    String accountKey(String email) {
        return "account:" + HexFormat.of().formatHex(vault.lookupKey(ACCOUNT_PURPOSE, Accounts.normalizeEmail(String.valueOf(email))));
    }

    String addressKey(String address) {
        return "address:" + HexFormat.of().formatHex(vault.lookupKey(ADDRESS_PURPOSE, address == null ? "unknown" : address));
    }

    /**
     * Claims an attempt for this e-mail from this address, before its password is checked: refused
     * (and not counted) when either is slowed or locked, else counted as a failure straight away.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Decision claim(String email, String address) {
        Instant now = clock.instant();
        String accountKey = accountKey(email);
        String addressKey = addressKey(address);
        // always the account's row first, then the address's: two claims never wait on each other in a circle
        Row account = locked(accountKey, now);
        Row client = locked(addressKey, now);
        Decision decision = decide(account, now, FREE_FAILURES);
        if (decision.verdict() == Verdict.ALLOWED) {
            decision = decide(client, now, Integer.MAX_VALUE);
        }
        if (decision.verdict() == Verdict.ALLOWED) {
            count(accountKey, account, now, LOCK_AFTER);
            count(addressKey, client, now, ADDRESS_LOCK_AFTER);
        }
        return decision;
    }

    /** The password was right: the e-mail's count goes, and the address gets back the attempt it was charged. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void succeeded(String email, String address) {
        jdbc.sql("delete from identity.sign_in_throttle where throttle_key = ?").param(accountKey(email)).update();
        jdbc.sql("update identity.sign_in_throttle set failures = greatest(failures - 1, 0) where throttle_key = ?")
                .param(addressKey(address)).update();
    }

    /** The row for a key, created with no failures if there is none, locked until the claim commits. */
    private Row locked(String key, Instant now) {
        jdbc.sql("""
                insert into identity.sign_in_throttle (throttle_key, failures, last_failure_at, locked_until)
                values (?, 0, ?, null) on conflict (throttle_key) do nothing""")
                .params(key, Timestamp.from(now)).update();
        return jdbc.sql("select failures, last_failure_at, locked_until from identity.sign_in_throttle where throttle_key = ? for update")
                .param(key).query(Row.class).single();
    }

    private static boolean forgotten(Row row, Instant now) {
        return row.lastFailureAt().toInstant().plus(FORGET_AFTER).isBefore(now)
                && (row.lockedUntil() == null || !row.lockedUntil().toInstant().isAfter(now));
    }

    private static Decision decide(Row row, Instant now, int freeFailures) {
        if (row.lockedUntil() != null && row.lockedUntil().toInstant().isAfter(now)) {
            return new Decision(Verdict.LOCKED, row.lockedUntil().toInstant());
        }
        if (forgotten(row, now)) {
            return Decision.ALLOW;
        }
        if (row.failures() >= freeFailures) {
            long seconds = Math.min(60, 1L << Math.min(6, row.failures() - freeFailures));
            Instant retryAt = row.lastFailureAt().toInstant().plusSeconds(seconds);
            if (retryAt.isAfter(now)) {
                return new Decision(Verdict.SLOWED, retryAt);
            }
        }
        return Decision.ALLOW;
    }

    private void count(String key, Row row, Instant now, int lockAfter) {
        // a count older than FORGET_AFTER (and not locked) starts again from one
        int failures = forgotten(row, now) ? 1 : row.failures() + 1;
        Timestamp lockedUntil = failures >= lockAfter ? Timestamp.from(now.plus(LOCK_DURATION)) : row.lockedUntil();
        jdbc.sql("update identity.sign_in_throttle set failures = ?, last_failure_at = ?, locked_until = ? where throttle_key = ?")
                .params(failures, Timestamp.from(now), lockedUntil, key).update();
    }

    @Scheduled(initialDelayString = "${civitas.sign-in-throttle.purge-initial-delay:PT1M}",
            fixedDelayString = "${civitas.sign-in-throttle.purge-interval:PT5M}")
    void scheduledPurge() {
        int purged = purge();
        if (purged > 0) {
            log.debug("Sign-in throttle: purged {} rows whose window had passed", purged);
        }
    }

    /** Removes every row whose window has passed and whose lock (if any) is over; returns how many. */
    int purge() {
        int total = 0;
        int batch;
        do {
            Instant now = clock.instant();
            batch = transactions.execute(status -> jdbc.sql("""
                            delete from identity.sign_in_throttle where throttle_key in (
                                select throttle_key from identity.sign_in_throttle
                                where last_failure_at < :forgetBefore and (locked_until is null or locked_until <= :now)
                                limit :batch
                                for update skip locked)""")
                    .param("forgetBefore", Timestamp.from(now.minus(FORGET_AFTER))).param("now", Timestamp.from(now))
                    .param("batch", PURGE_BATCH).update());
            total += batch;
        } while (batch == PURGE_BATCH);
        return total;
    }
}

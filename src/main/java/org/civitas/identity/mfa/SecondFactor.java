package org.civitas.identity.mfa;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.civitas.identity.IdentityEvents.RecoveryCodeUsed;
import org.civitas.identity.IdentityEvents.SecondFactorEnrolled;
import org.civitas.identity.IdentityEvents.SecondFactorFailed;
import org.civitas.identity.IdentityEvents.SecondFactorReplaced;
import org.civitas.identity.IdentityEvents.SecondFactorReset;
import org.civitas.identity.account.Accounts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff's second factor: an authenticator app (TOTP) plus single-use recovery codes.
 * <p>
 * Wrong codes are counted per account in the credential's row, whichever session or node they come
 * from: {@link #verify} locks the row, decides, checks and counts in one transaction, so parallel
 * guesses queue behind each other. {@value #FREE_FAILURES} wrong codes are free; after that each
 * attempt must wait twice as long as the last ({@link #FIRST_DELAY}, then 60 s ...), and at {@value #LOCK_AFTER} wrong codes
 * the second factor is locked for {@link #LOCK} (doubling with each further wrong code, up to
 * {@link #LONGEST_LOCK}). Only a right code clears the count; a quiet {@link #FORGET_AFTER} forgets it.
 * Every refusal publishes {@link SecondFactorFailed} (ids only), so the audit log records it.
 * <p>
 * A confirmed secret is never shown again: {@link #begin} offers a secret only while none is in force.
 */
@Service
public class SecondFactor {

    static final int RECOVERY_CODES = 10;
    public static final int FREE_FAILURES = 3;
    public static final int LOCK_AFTER = 5;
    static final Duration LOCK = Duration.ofMinutes(15);
    static final Duration LONGEST_LOCK = Duration.ofHours(24);
    static final Duration FORGET_AFTER = Duration.ofHours(24);
    static final Duration FIRST_DELAY = Duration.ofSeconds(30);

    /** What became of a code: checked and right, checked and wrong, or not checked (too soon, or locked). */
    public enum Check { ACCEPTED, WRONG, SLOWED, LOCKED }

    public record Outcome(Check check, Instant retryAt) {
        public boolean accepted() {
            return check == Check.ACCEPTED;
        }
    }
    private static final char[] RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();

    public record Enrolment(String secret, String qrSvg) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TotpSecrets secrets;
    private final SecureRandom random = new SecureRandom();

    private final Accounts accounts;

    SecondFactor(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events, TotpSecrets secrets, Accounts accounts) {
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
        this.secrets = secrets;
    }

    @Transactional(readOnly = true)
    public boolean enrolled(UUID accountId) {
        return jdbc.sql("select count(*) from identity.totp_credential where account_id = ? and confirmed_at is not null")
                .param(accountId).query(Integer.class).single() > 0;
    }

    /**
     * A secret not yet in force (the same one until confirmed, so a mistyped code does not change the
     * QR code): it counts once the person has typed a code from their app. Empty when a confirmed
     * secret is in force: that one is never shown again.
     */
    @Transactional
    public Optional<Enrolment> begin(UUID accountId, String bodyName, String accountLabel) {
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        jdbc.sql("""
                insert into identity.totp_credential (account_id, secret_sealed) values (?, ?)
                on conflict (account_id) do nothing
                """).params(accountId, secrets.seal(accountId, secret)).update();
        record Stored(byte[] secret, byte[] secretSealed, Timestamp confirmedAt) {
        }
        Stored row = jdbc.sql("select secret, secret_sealed, confirmed_at from identity.totp_credential where account_id = ?").param(accountId)
                .query(Stored.class).single();
        if (row.confirmedAt() != null) {
            return Optional.empty();
        }
        byte[] stored = secrets.open(accountId, row.secret(), row.secretSealed());
        String encoded = Totp.base32(stored);
        String issuer = URLEncoder.encode(bodyName, StandardCharsets.UTF_8).replace("+", "%20");
        String label = issuer + ":" + URLEncoder.encode(accountLabel, StandardCharsets.UTF_8).replace("+", "%20");
        String uri = "otpauth://totp/" + label + "?secret=" + encoded + "&issuer=" + issuer
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
        return Optional.of(new Enrolment(group(encoded), QrCodeSvg.of(uri, bodyName)));
    }

    /** @return the recovery codes, to be shown once; empty when the code is wrong */
    @Transactional
    public Optional<List<String>> confirm(UUID accountId, String code) {
        record Pending(byte[] clear, byte[] secretSealed, long lastUsedStep) {
            byte[] secret(TotpSecrets secrets, UUID accountId) {
                return secrets.open(accountId, clear, secretSealed);
            }
        }
        Optional<Pending> pending = jdbc.sql("select secret as clear, secret_sealed, last_used_step from identity.totp_credential where account_id = ? and confirmed_at is null for update")
                .param(accountId).query(Pending.class).optional();
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong step = Totp.verify(pending.get().secret(secrets, accountId), code, clock.instant(), pending.get().lastUsedStep());
        if (step.isEmpty()) {
            return Optional.empty();
        }
        jdbc.sql("update identity.totp_credential set confirmed_at = ?, last_used_step = ? where account_id = ?")
                .params(Timestamp.from(clock.instant()), step.getAsLong(), accountId).update();
        jdbc.sql("delete from identity.recovery_code where account_id = ?").param(accountId).update();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String recovery = recoveryCode();
            codes.add(recovery);
            jdbc.sql("insert into identity.recovery_code (account_id, code_hash) values (?, ?)")
                    .params(accountId, hash(recovery)).update();
        }
        events.publishEvent(new SecondFactorEnrolled(accountId));
        return Optional.of(codes);
    }

    /**
     * Checks a code from the app, or else a recovery code (which is then spent), unless the account
     * has had too many wrong codes: then the code is not checked at all. A blank code is not counted.
     */
    @Transactional
    public Outcome verify(UUID accountId, String code) {
        record Credential(byte[] clear, byte[] secretSealed, long lastUsedStep, int failedAttempts, Timestamp lastFailedAt,
                          Timestamp lockedUntil) {
        }
        // the row lock makes parallel attempts for one account take turns, on every node
        Optional<Credential> found = jdbc.sql("""
                        select secret as clear, secret_sealed, last_used_step, failed_attempts, last_failed_at, locked_until
                        from identity.totp_credential where account_id = ? and confirmed_at is not null for update""")
                .param(accountId).query(Credential.class).optional();
        if (found.isEmpty()) {
            return new Outcome(Check.WRONG, null);
        }
        Credential credential = found.get();
        Instant now = clock.instant();
        Instant lockedUntil = credential.lockedUntil() == null ? null : credential.lockedUntil().toInstant();
        Instant lastFailed = credential.lastFailedAt() == null ? null : credential.lastFailedAt().toInstant();
        if (lockedUntil != null && lockedUntil.isAfter(now)) {
            events.publishEvent(new SecondFactorFailed(accountId, "locked", credential.failedAttempts()));
            return new Outcome(Check.LOCKED, lockedUntil);
        }
        int failures = lastFailed != null && lastFailed.plus(FORGET_AFTER).isBefore(now) ? 0 : credential.failedAttempts();
        if (failures >= FREE_FAILURES && lastFailed != null) {
            Instant retryAt = lastFailed.plus(delayAfter(failures));
            if (retryAt.isAfter(now)) {
                events.publishEvent(new SecondFactorFailed(accountId, "slowed", failures));
                return new Outcome(Check.SLOWED, retryAt);
            }
        }
        if (code == null || code.isBlank()) {
            return new Outcome(Check.WRONG, null);
        }
        OptionalLong step = Totp.verify(secrets.open(accountId, credential.clear(), credential.secretSealed()), code, now,
                credential.lastUsedStep());
        if (step.isPresent()) {
            jdbc.sql("""
                    update identity.totp_credential set last_used_step = ?, failed_attempts = 0, last_failed_at = null, locked_until = null
                    where account_id = ?""")
                    .params(step.getAsLong(), accountId).update();
            return new Outcome(Check.ACCEPTED, null);
        }
        String recovery = code.trim().toLowerCase().replace(" ", "");
        int spent = jdbc.sql("update identity.recovery_code set used_at = ? where account_id = ? and code_hash = ? and used_at is null")
                .params(Timestamp.from(now), accountId, hash(recovery)).update();
        if (spent == 1) {
            jdbc.sql("update identity.totp_credential set failed_attempts = 0, last_failed_at = null, locked_until = null where account_id = ?")
                    .param(accountId).update();
            events.publishEvent(new RecoveryCodeUsed(accountId));
            return new Outcome(Check.ACCEPTED, null);
        }
        int counted = failures + 1;
        Instant lockUntil = counted >= LOCK_AFTER ? now.plus(lockFor(counted)) : null;
        jdbc.sql("update identity.totp_credential set failed_attempts = ?, last_failed_at = ?, locked_until = ? where account_id = ?")
                .params(counted, Timestamp.from(now), lockUntil == null ? null : Timestamp.from(lockUntil), accountId).update();
        events.publishEvent(new SecondFactorFailed(accountId, "wrong-code", counted));
        return lockUntil == null ? new Outcome(Check.WRONG, null) : new Outcome(Check.LOCKED, lockUntil);
    }

    /** The wait before the next code once {@code failures} (at least {@link #FREE_FAILURES}) were wrong: 30 s, 60 s ... */
    static Duration delayAfter(int failures) {
        Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(10, Math.max(0, failures - FREE_FAILURES)));
        return delay.compareTo(LOCK) > 0 ? LOCK : delay;
    }

    /** {@link #LOCK} at the limit, doubling with each wrong code after it, never more than {@link #LONGEST_LOCK}. */
    static Duration lockFor(int failures) {
        int doublings = Math.min(10, Math.max(0, failures - LOCK_AFTER));
        Duration lock = LOCK.multipliedBy(1L << doublings);
        return lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock;
    }

    /**
     * Replaces the authenticator app: the person proves they hold the current one (a code from it or a
     * recovery code, counted like any other), then it and the recovery codes are removed and a new one
     * can be set up. Signed-in sessions are left alone: the person is already in.
     */
    @Transactional
    public Outcome replace(UUID accountId, String code) {
        Outcome outcome = verify(accountId, code);
        if (outcome.accepted()) {
            remove(accountId);
            events.publishEvent(new SecondFactorReplaced(accountId));
        }
        return outcome;
    }

    /**
     * An administrator's reset: the app and recovery codes are removed and the person's sessions end,
     * so they set up a new app at their next sign-in.
     * @return whether the account had a second factor to remove
     */
    @Transactional
    public boolean reset(UUID accountId, UUID resetBy) {
        boolean had = remove(accountId);
        accounts.endSessions(accountId);
        events.publishEvent(new SecondFactorReset(accountId, resetBy));
        return had;
    }

    private boolean remove(UUID accountId) {
        jdbc.sql("delete from identity.recovery_code where account_id = ?").param(accountId).update();
        return jdbc.sql("delete from identity.totp_credential where account_id = ?").param(accountId).update() > 0;
    }

    private String recoveryCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            if (i == 5) {
                code.append('-');
            }
            code.append(RECOVERY_ALPHABET[random.nextInt(RECOVERY_ALPHABET.length)]);
        }
        return code.toString();
    }

    private static String group(String secret) {
        return String.join(" ", secret.split("(?<=\\G.{4})"));
    }

    private static byte[] hash(String code) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

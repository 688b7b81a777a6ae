package org.civitas.identity.mfa;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.civitas.identity.IdentityEvents.RecoveryCodeUsed;
import org.civitas.identity.IdentityEvents.SecondFactorEnrolled;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Staff's second factor: an authenticator app (TOTP) plus single-use recovery codes. */
@Service
public class SecondFactor {

    static final int RECOVERY_CODES = 10;
    private static final char[] RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();

    public record Enrolment(String secret, String qrSvg) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TotpSecrets secrets;
    private final SecureRandom random = new SecureRandom();

    SecondFactor(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events, TotpSecrets secrets) {
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
     * QR code): it counts once the person has typed a code from their app.
     */
    @Transactional
    public Enrolment begin(UUID accountId, String bodyName, String accountLabel) {
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        jdbc.sql("""
                insert into identity.totp_credential (account_id, secret_sealed) values (?, ?)
                on conflict (account_id) do nothing
                """).params(accountId, secrets.seal(accountId, secret)).update();
        record Stored(byte[] secret, byte[] secretSealed) {
        }
        Stored row = jdbc.sql("select secret, secret_sealed from identity.totp_credential where account_id = ?").param(accountId)
                .query(Stored.class).single();
        byte[] stored = secrets.open(accountId, row.secret(), row.secretSealed());
        String encoded = Totp.base32(stored);
        String issuer = URLEncoder.encode(bodyName, StandardCharsets.UTF_8).replace("+", "%20");
        String label = issuer + ":" + URLEncoder.encode(accountLabel, StandardCharsets.UTF_8).replace("+", "%20");
        String uri = "otpauth://totp/" + label + "?secret=" + encoded + "&issuer=" + issuer
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
        return new Enrolment(group(encoded), QrCodeSvg.of(uri, bodyName));
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

    /** Checks a code from the app, or else a recovery code (which is then spent). */
    @Transactional
    public boolean verify(UUID accountId, String code) {
        if (code == null) {
            return false;
        }
        record Credential(byte[] clear, byte[] secretSealed, long lastUsedStep) {
        }
        Optional<Credential> credential = jdbc.sql("select secret as clear, secret_sealed, last_used_step from identity.totp_credential where account_id = ? and confirmed_at is not null for update")
                .param(accountId).query(Credential.class).optional();
        if (credential.isEmpty()) {
            return false;
        }
        OptionalLong step = Totp.verify(secrets.open(accountId, credential.get().clear(), credential.get().secretSealed()), code, clock.instant(), credential.get().lastUsedStep());
        if (step.isPresent()) {
            jdbc.sql("update identity.totp_credential set last_used_step = ? where account_id = ?")
                    .params(step.getAsLong(), accountId).update();
            return true;
        }
        String recovery = code.trim().toLowerCase().replace(" ", "");
        int spent = jdbc.sql("update identity.recovery_code set used_at = ? where account_id = ? and code_hash = ? and used_at is null")
                .params(Timestamp.from(clock.instant()), accountId, hash(recovery)).update();
        if (spent == 1) {
            events.publishEvent(new RecoveryCodeUsed(accountId));
            return true;
        }
        return false;
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

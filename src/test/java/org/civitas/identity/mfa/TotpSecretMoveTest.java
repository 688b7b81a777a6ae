package org.civitas.identity.mfa;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.civitas.CivitasTest;
import org.civitas.identity.Role;
import org.civitas.identity.account.Accounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Authenticator secrets: new ones are sealed in the vault; ones an earlier version stored in clear are sealed at start. */
@CivitasTest
class TotpSecretMoveTest {

    @Autowired
    TotpSecretMove move;

    @Autowired
    SecondFactor secondFactor;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    private UUID staff() {
        return accounts.insert("staff", "totp-" + UUID.randomUUID() + "@example.org", "Tess Totp", null, Instant.now(),
                EnumSet.of(Role.CASEWORKER), List.of()).id();
    }

    @Test
    void aNewSecretIsStoredSealed() {
        UUID id = staff();
        secondFactor.begin(id, "Riverside Borough Council", "tess@example.org");
        assertThat(jdbc.sql("select count(*) from identity.totp_credential where account_id = ? and secret is null and secret_sealed is not null")
                .param(id).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aClearSecretIsSealedAndStillWorks() {
        UUID id = staff();
        byte[] secret = "12345678901234567890".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        jdbc.sql("insert into identity.totp_credential (account_id, secret, confirmed_at) values (?, ?, now())").params(id, secret).update();

        move.run(new DefaultApplicationArguments());

        byte[] sealed = jdbc.sql("select secret_sealed from identity.totp_credential where account_id = ? and secret is null")
                .param(id).query(byte[].class).single();
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("1234567890");
        String code = Totp.code(secret, Totp.step(clock.instant()));
        assertThat(secondFactor.verify(id, code).accepted()).as("the sealed secret checks codes as before").isTrue();
    }
}

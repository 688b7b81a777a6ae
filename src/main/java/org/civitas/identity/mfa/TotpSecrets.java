package org.civitas.identity.mfa;

import java.util.Base64;
import java.util.UUID;

import org.civitas.trust.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Authenticator secrets sealed in the vault under the account's subject: a copy of the database
 * alone does not let anyone make a member of staff's codes.
 */
@Component
class TotpSecrets {

    /** The field an authenticator secret is sealed for. */
    static final String FIELD = "identity.totp_credential.secret";

    private final JdbcClient jdbc;
    private final PersonalData vault;

    TotpSecrets(JdbcClient jdbc, PersonalData vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    byte[] seal(UUID accountId, byte[] secret) {
        return vault.seal(subject(accountId), FIELD, Base64.getEncoder().encodeToString(secret));
    }

    /** The secret, whether already sealed or (before {@link TotpSecretMove} ran) still in clear. */
    byte[] open(UUID accountId, byte[] clear, byte[] sealed) {
        if (sealed == null) {
            return clear;
        }
        return vault.open(subject(accountId), FIELD, sealed).map(Base64.getDecoder()::decode)
                .orElseThrow(() -> new IllegalStateException("the authenticator secret of account " + accountId + " is erased"));
    }

    private UUID subject(UUID accountId) {
        return jdbc.sql("select subject_id from identity.account where id = ?").param(accountId).query(UUID.class).single();
    }
}

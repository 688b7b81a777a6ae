package org.civitas.identity.mfa;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals the authenticator secrets a version before the vault stored in clear, then clears them.
 * Runs at start-up after the accounts' own move (their subjects must exist); rows another node is
 * moving at the same moment are skipped.
 */
@Component
@Order(-90)
class TotpSecretMove implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(TotpSecretMove.class);

    private final JdbcClient jdbc;
    private final TotpSecrets secrets;
    private final TransactionTemplate transactions;

    TotpSecretMove(JdbcClient jdbc, TotpSecrets secrets, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        Integer moved = transactions.execute(status -> {
            record Clear(UUID accountId, byte[] secret) {
            }
            int count = 0;
            for (Clear row : jdbc.sql("select account_id, secret from identity.totp_credential where secret is not null for update skip locked")
                    .query(Clear.class).list()) {
                jdbc.sql("update identity.totp_credential set secret_sealed = ?, secret = null where account_id = ?")
                        .params(secrets.seal(row.accountId(), row.secret()), row.accountId()).update();
                count++;
            }
            return count;
        });
        if (moved != null && moved > 0) {
            log.info("Sealed the authenticator secrets of {} accounts into the vault", moved);
        }
    }
}

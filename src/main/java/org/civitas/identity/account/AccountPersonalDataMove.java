package org.civitas.identity.account;

import java.util.UUID;

import org.civitas.trust.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals the e-mail addresses and names that a version before the vault stored in clear, then
 * clears those columns. Runs at start-up, before anything reads accounts; rows being moved by
 * another node at the same moment are skipped (it will have done them).
 */
@Component
@Order(-100)
class AccountPersonalDataMove implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AccountPersonalDataMove.class);

    private final JdbcClient jdbc;
    private final PersonalData vault;
    private final TransactionTemplate transactions;

    AccountPersonalDataMove(JdbcClient jdbc, PersonalData vault, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        Integer moved = transactions.execute(status -> {
            record Clear(UUID id, String email, String displayName) {
            }
            int count = 0;
            for (Clear row : jdbc.sql("select id, email, display_name from identity.account where email is not null for update skip locked")
                    .query(Clear.class).list()) {
                UUID subject = vault.newSubject();
                String email = Accounts.normalizeEmail(row.email());
                jdbc.sql("""
                        update identity.account set subject_id = ?, email_lookup = ?, email_sealed = ?, name_sealed = ?,
                               email = null, display_name = null where id = ?
                        """).params(subject, vault.lookupKey(Accounts.EMAIL_LOOKUP, email), vault.seal(subject, Accounts.EMAIL_FIELD, email),
                        vault.seal(subject, Accounts.NAME_FIELD, row.displayName() == null ? "" : row.displayName()), row.id()).update();
                count++;
            }
            return count;
        });
        if (moved != null && moved > 0) {
            log.info("Sealed the personal data of {} accounts into the vault", moved);
        }
    }
}

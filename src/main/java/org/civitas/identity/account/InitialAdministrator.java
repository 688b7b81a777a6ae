package org.civitas.identity.account;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.civitas.identity.Role;
import org.civitas.platform.CivitasProperties;
import org.civitas.platform.SecretsFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * A body that starts without the demo needs its first administrator: with
 * {@code CIVITAS_INITIAL_ADMIN_EMAIL} set and no administrator in the database, one is created and
 * its first password written once to {@value #FILE_NAME} in the data directory, readable by its owner
 * only (0600); the log says where, never what.
 */
@Component
@Order(10)
class InitialAdministrator implements ApplicationRunner {

    private static final long LOCK = 0x41444d494eL; // "ADMIN"

    /** The file in the data directory that receives the first administrator's first password. */
    public static final String FILE_NAME = "initial-admin-password.txt";
    private static final Logger log = LoggerFactory.getLogger(InitialAdministrator.class);

    private final String email;
    private final CivitasProperties properties;
    private final AccountService accounts;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    InitialAdministrator(@Value("${civitas.initial-admin-email:}") String email, CivitasProperties properties, AccountService accounts,
                         JdbcClient jdbc, TransactionTemplate transactions) {
        this.email = email;
        this.properties = properties;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!StringUtils.hasText(email)) {
            return;
        }
        String password = transactions.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query().singleValue();
            boolean exists = jdbc.sql("select count(*) from identity.account_role where role = 'administrator'")
                    .query(Integer.class).single() > 0;
            if (exists) {
                return null;
            }
            String first = AccountService.initialPassword();
            accounts.createStaff(email.trim(), "Administrator", first, Set.of(Role.ADMINISTRATOR), Set.of(), null);
            return first;
        });
        if (password != null) {
            Path file = SecretsFile.write(properties.dataDir(), FILE_NAME, "Civitas: the first administrator's first password",
                    List.of("Sign in with the e-mail address in CIVITAS_INITIAL_ADMIN_EMAIL and this password, then set up the second factor:",
                            "password: " + password));
            // where, never what: neither the password nor the e-mail address reaches the log
            log.info("Created the first administrator; the first password is in {} (readable by this user only)", file);
        }
    }
}

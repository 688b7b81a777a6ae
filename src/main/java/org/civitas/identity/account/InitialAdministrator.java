package org.civitas.identity.account;

import java.util.Set;

import org.civitas.identity.Role;
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
 * its first password printed once to the console (never to the log).
 */
@Component
@Order(10)
class InitialAdministrator implements ApplicationRunner {

    private static final long LOCK = 0x41444d494eL; // "ADMIN"

    private final String email;
    private final AccountService accounts;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    InitialAdministrator(@Value("${civitas.initial-admin-email:}") String email, AccountService accounts, JdbcClient jdbc,
                         TransactionTemplate transactions) {
        this.email = email;
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
            System.out.println(System.lineSeparator() + "==== Civitas: first administrator created ====" + System.lineSeparator()
                    + "Sign in with the e-mail in CIVITAS_INITIAL_ADMIN_EMAIL and this password, shown once: " + password
                    + System.lineSeparator());
        }
    }
}

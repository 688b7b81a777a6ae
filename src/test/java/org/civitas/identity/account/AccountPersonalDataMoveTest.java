package org.civitas.identity.account;

import java.util.UUID;

import org.civitas.CivitasTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Accounts stored in clear by a version before the vault are sealed at the next start. */
@CivitasTest
class AccountPersonalDataMoveTest {

    @Autowired
    AccountPersonalDataMove move;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void clearEmailsAndNamesAreSealedAndCleared() {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into identity.account (id, kind, email, display_name, password_hash, created_at) values (?, 'citizen', ?, ?, null, now())")
                .params(id, "Old.Timer@example.org", "Olive Oldtimer").update();

        move.run(new DefaultApplicationArguments());

        assertThat(jdbc.sql("select count(*) from identity.account where id = ? and email is null and display_name is null and email_sealed is not null")
                .param(id).query(Integer.class).single()).isEqualTo(1);
        assertThat(accounts.byEmail("old.timer@example.org")).hasValueSatisfying(account -> {
            assertThat(account.id()).isEqualTo(id);
            assertThat(account.displayName()).isEqualTo("Olive Oldtimer");
        });
    }
}

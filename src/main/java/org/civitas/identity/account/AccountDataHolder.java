package org.civitas.identity.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.civitas.identity.IdentityEvents;
import org.civitas.identity.Role;
import org.civitas.trust.PersonalData;
import org.civitas.trust.PersonalDataHolder;
import org.civitas.trust.StaffNames;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The identity module's part in a person's data rights: their account's subject, its details for
 * the download, and erasure. An erased account keeps its row (id, kind, roles, dates) so that the
 * ids in the audit log and in case histories still point somewhere; everything that identifies the
 * person is gone (decision 0008).
 */
@Component
class AccountDataHolder implements PersonalDataHolder, StaffNames {

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final PersonalData vault;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AccountDataHolder(JdbcClient jdbc, Accounts accounts, PersonalData vault, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.vault = vault;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public List<UUID> subjectsOf(UUID accountId) {
        return jdbc.sql("select subject_id from identity.account where id = ? and subject_id is not null")
                .param(accountId).query(UUID.class).list();
    }

    @Override
    public Map<String, Object> export(UUID accountId) {
        Map<String, Object> account = new LinkedHashMap<>();
        accounts.byId(accountId).ifPresent(found -> {
            account.put("name", found.displayName());
            account.put("email", found.email());
            account.put("createdAt", found.createdAt().toString());
            account.put("roles", found.roles().stream().map(Role::code).sorted().toList());
            account.put("signInWithProvider", accounts.hasOidcLink(accountId));
        });
        return Map.of("account", account);
    }

    @Override
    public void erase(UUID accountId) {
        Timestamp now = Timestamp.from(clock.instant());
        subjectsOf(accountId).forEach(vault::erase);
        jdbc.sql("""
                update identity.account set erased_at = ?, disabled_at = coalesce(disabled_at, ?), email_lookup = null,
                       password_hash = null where id = ?""").params(now, now, accountId).update();
        jdbc.sql("delete from identity.oidc_link where account_id = ?").param(accountId).update();
        jdbc.sql("delete from identity.totp_credential where account_id = ?").param(accountId).update();
        jdbc.sql("delete from identity.recovery_code where account_id = ?").param(accountId).update();
        // signed out everywhere: every session of the account goes
        jdbc.sql("delete from identity.spring_session where principal_name = ?").param(accountId.toString()).update();
        events.publishEvent(new IdentityEvents.AccountErased(accountId));
    }

    @Override
    public Optional<String> nameOf(UUID accountId) {
        return accounts.byId(accountId).filter(Account::staff).map(Account::displayName).filter(name -> !name.isBlank());
    }
}

package org.civitas.identity.account;

import java.util.Optional;
import java.util.UUID;

import org.civitas.identity.AccountContacts;
import org.springframework.stereotype.Component;

/** Reads an account's name and e-mail (opened from the vault by {@link Accounts}) for prefilling forms. */
@Component
class JdbcAccountContacts implements AccountContacts {

    private final Accounts accounts;

    JdbcAccountContacts(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Optional<AccountContact> contact(UUID accountId) {
        return accounts.byId(accountId).filter(account -> !account.disabled())
                .map(account -> new AccountContact(account.displayName(), account.email()));
    }
}

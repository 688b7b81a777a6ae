package org.civitas.identity.security;

import org.civitas.identity.IdentityEvents.PasswordHashUpgraded;
import org.civitas.identity.account.AccountPrincipal;
import org.civitas.identity.account.Accounts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts for the password sign-in. A hash made with weaker parameters than the current ones (or
 * another algorithm) is replaced at the next right password: Spring Security asks the encoder's
 * {@code upgradeEncoding} and then {@link #updatePassword} with the password hashed afresh.
 */
@Component
class AccountUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

    private final Accounts accounts;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    AccountUserDetailsService(Accounts accounts, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.events = events;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        return accounts.byEmail(email)
                .filter(account -> account.passwordHash() != null)
                .map(AccountPrincipal::new)
                .orElseThrow(() -> new UsernameNotFoundException("no account")); // never echo the e-mail
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public UserDetails updatePassword(UserDetails user, String newPasswordHash) {
        AccountPrincipal principal = (AccountPrincipal) user;
        jdbc.sql("update identity.account set password_hash = ? where id = ? and password_hash is not null")
                .params(newPasswordHash, principal.accountId()).update();
        events.publishEvent(new PasswordHashUpgraded(principal.accountId()));
        return accounts.byId(principal.accountId()).map(AccountPrincipal::new).orElseThrow();
    }
}

package org.civitas.identity.account;

import java.io.Serial;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.civitas.identity.CivitasPrincipal;
import org.civitas.identity.Role;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A person who signed in with e-mail and password. Kept in the shared session, so serializable. */
public final class AccountPrincipal implements CivitasPrincipal, UserDetails, CredentialsContainer, NameFromAccount {

    @Serial
    private static final long serialVersionUID = 1L;

    private final UUID accountId;
    private final String username;
    // the name is personal data and the principal is serialized into the shared session table:
    // it is not kept there, but read again from the account when a page needs it (AccountNames)
    private transient String displayName;
    private transient Supplier<String> nameSource;
    private final Set<Role> roles;
    private final Set<UUID> teamIds;
    private final boolean enabled;
    private String passwordHash;

    public AccountPrincipal(Account account) {
        this.accountId = account.id();
        this.username = account.id().toString(); // the session's principal name: never the e-mail
        this.displayName = account.displayName();
        this.roles = Set.copyOf(account.roles());
        this.teamIds = Set.copyOf(account.teamIds());
        this.enabled = !account.disabled();
        this.passwordHash = account.passwordHash();
    }

    @Override
    public UUID accountId() {
        return accountId;
    }

    @Override
    public String displayName() {
        if (displayName == null && nameSource != null) {
            displayName = nameSource.get();
        }
        return displayName == null ? "" : displayName;
    }

    @Override
    public void nameFrom(Supplier<String> source) {
        this.nameSource = source;
    }

    @Override
    public Set<Role> roles() {
        return roles;
    }

    @Override
    public Set<UUID> teamIds() {
        return teamIds;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return authoritiesOf(roles);
    }

    public static Set<GrantedAuthority> authoritiesOf(Set<Role> roles) {
        return roles.stream().map(role -> new SimpleGrantedAuthority(role.authority())).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String toString() {
        return "AccountPrincipal[" + accountId + "]";
    }
}

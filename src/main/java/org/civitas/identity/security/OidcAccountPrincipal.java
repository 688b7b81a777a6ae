package org.civitas.identity.security;

import java.io.Serial;
import java.util.Set;
import java.util.UUID;

import org.civitas.identity.CivitasPrincipal;
import org.civitas.identity.Role;
import org.civitas.identity.account.Account;
import org.civitas.identity.account.AccountPrincipal;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/** A person who signed in through the body's OpenID Connect provider, linked to their Civitas account. */
final class OidcAccountPrincipal extends DefaultOidcUser implements CivitasPrincipal {

    @Serial
    private static final long serialVersionUID = 1L;

    private final UUID accountId;
    private final String displayName;
    private final Set<Role> roles;
    private final Set<UUID> teamIds;

    OidcAccountPrincipal(Account account, OidcIdToken idToken, OidcUserInfo userInfo) {
        super(AccountPrincipal.authoritiesOf(account.roles()), idToken, userInfo);
        this.accountId = account.id();
        this.displayName = account.displayName();
        this.roles = Set.copyOf(account.roles());
        this.teamIds = Set.copyOf(account.teamIds());
    }

    @Override
    public UUID accountId() {
        return accountId;
    }

    @Override
    public String displayName() {
        return displayName;
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
    public String getName() {
        return accountId.toString(); // the session's principal name: never the e-mail or the subject
    }

    @Override
    public String toString() {
        return "OidcAccountPrincipal[" + accountId + "]";
    }
}

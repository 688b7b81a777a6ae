package org.civitas.identity.security;

import java.io.Serial;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.civitas.identity.CivitasPrincipal;
import org.civitas.identity.Role;
import org.civitas.identity.account.Account;
import org.civitas.identity.account.AccountPrincipal;
import org.civitas.identity.account.NameFromAccount;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/** A person who signed in through the body's OpenID Connect provider, linked to their Civitas account. */
final class OidcAccountPrincipal extends DefaultOidcUser implements CivitasPrincipal, NameFromAccount {

    /**
     * The ID token claims kept in the session: none of them personal (no e-mail, no name). {@code acr} and
     * {@code amr} say how the provider authenticated the person (OidcSignInSuccess reads them).
     */
    private static final List<String> KEPT_CLAIMS = List.of(IdTokenClaimNames.ISS, IdTokenClaimNames.SUB, IdTokenClaimNames.AUD,
            IdTokenClaimNames.IAT, IdTokenClaimNames.EXP, IdTokenClaimNames.AUTH_TIME, IdTokenClaimNames.NONCE, IdTokenClaimNames.AZP,
            IdTokenClaimNames.ACR, IdTokenClaimNames.AMR);

    @Serial
    private static final long serialVersionUID = 1L;

    private final UUID accountId;
    // the name is personal data and the principal is serialized into the shared session table
    private transient String displayName;
    private transient Supplier<String> nameSource;
    private final Set<Role> roles;
    private final Set<UUID> teamIds;

    OidcAccountPrincipal(Account account, OidcIdToken idToken, OidcUserInfo userInfo) {
        // the provider's claims (e-mail, name, ...) are not kept: the session table would hold them in clear
        super(AccountPrincipal.authoritiesOf(account.roles()), withoutPersonalClaims(idToken), (OidcUserInfo) null);
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
        if (displayName == null && nameSource != null) {
            displayName = nameSource.get();
        }
        return displayName == null ? "" : displayName;
    }

    @Override
    public void nameFrom(Supplier<String> source) {
        this.nameSource = source;
    }

    private static OidcIdToken withoutPersonalClaims(OidcIdToken token) {
        Map<String, Object> kept = new LinkedHashMap<>();
        for (String claim : KEPT_CLAIMS) {
            if (token.getClaims().containsKey(claim)) {
                kept.put(claim, token.getClaims().get(claim));
            }
        }
        // the raw token carries the same claims, base64-encoded; Civitas does not send it back to the provider
        return new OidcIdToken("not-kept", token.getIssuedAt(), token.getExpiresAt(), kept);
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

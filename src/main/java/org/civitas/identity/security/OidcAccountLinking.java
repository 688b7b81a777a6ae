package org.civitas.identity.security;

import java.time.Clock;

import org.civitas.identity.account.Account;
import org.civitas.identity.account.AccountService;
import org.civitas.identity.account.Accounts;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns an OpenID Connect sign-in into a Civitas account. The link is (issuer, subject): the first
 * sign-in of a subject creates a citizen account, or links a staff account whose e-mail the
 * provider vouches for ({@code email_verified}) and that no other subject holds yet.
 */
class OidcAccountLinking implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService provider = new OidcUserService();
    private final Accounts accounts;
    private final AccountService accountService;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final SignInEvents events;

    OidcAccountLinking(Accounts accounts, AccountService accountService, TransactionTemplate transactions, Clock clock,
                       SignInEvents events) {
        this.accounts = accounts;
        this.accountService = accountService;
        this.transactions = transactions;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = provider.loadUser(request);
        String issuer = user.getIssuer() != null ? user.getIssuer().toString()
                : request.getClientRegistration().getProviderDetails().getIssuerUri();
        String subject = user.getSubject();
        Account account = transactions.execute(status -> accounts.linkedAccount(issuer, subject)
                .flatMap(accounts::byId)
                .orElseGet(() -> linkStaffOrCreateCitizen(issuer, subject, user)));
        if (account == null || account.disabled()) {
            throw new OAuth2AuthenticationException(new OAuth2Error("access_denied"), "account disabled");
        }
        // SignedIn is published once the sign-in is complete (OidcSignInSuccess): staff may still need their second factor
        return new OidcAccountPrincipal(account, user.getIdToken(), user.getUserInfo());
    }

    private Account linkStaffOrCreateCitizen(String issuer, String subject, OidcUser user) {
        String email = user.getEmail();
        if (email != null && Boolean.TRUE.equals(user.getEmailVerified())) {
            var staff = accounts.byEmail(email).filter(Account::staff).filter(a -> !accounts.hasOidcLink(a.id()));
            if (staff.isPresent()) {
                accounts.linkOidc(issuer, subject, staff.get().id(), clock.instant());
                return staff.get();
            }
        }
        String name = user.getFullName() != null ? user.getFullName() : user.getGivenName();
        return accountService.createOidcCitizen(issuer, subject, email, name);
    }
}

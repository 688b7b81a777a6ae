package org.civitas.identity.security;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * After the provider has vouched for someone: residents are in; staff go on to Civitas's second
 * factor just as after a password (when they have an app, or the body requires one), unless the
 * provider says it has checked a second factor itself in a way the body trusts: an {@code acr}
 * value listed in {@code CIVITAS_OIDC_MFA_ACR}, or one of the {@code amr} values listed in
 * {@code CIVITAS_OIDC_MFA_AMR}. With neither configured, the provider's word on that counts for
 * nothing.
 */
class OidcSignInSuccess implements AuthenticationSuccessHandler {

    private final SignInFlow signInFlow;
    private final SignInEvents events;
    private final Set<String> trustedAcr;
    private final Set<String> trustedAmr;

    OidcSignInSuccess(SignInFlow signInFlow, SignInEvents events, String mfaAcr, String mfaAmr) {
        this.signInFlow = signInFlow;
        this.events = events;
        this.trustedAcr = values(mfaAcr);
        this.trustedAmr = values(mfaAmr);
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        OidcAccountPrincipal principal = (OidcAccountPrincipal) authentication.getPrincipal();
        boolean provenByProvider = provesSecondFactor(principal.getIdToken());
        if (!provenByProvider && signInFlow.heldForSecondFactor(request, response, principal)) {
            return;
        }
        events.signedIn(principal.accountId(), provenByProvider ? "oidc+provider-mfa" : "oidc");
        response.sendRedirect("/");
    }

    /** Whether the ID token's {@code acr} or {@code amr} names a second factor the body has said it trusts. */
    boolean provesSecondFactor(OidcIdToken token) {
        String acr = token.getAuthenticationContextClass();
        if (acr != null && trustedAcr.contains(acr)) {
            return true;
        }
        List<String> amr = token.getAuthenticationMethods();
        return amr != null && amr.stream().anyMatch(trustedAmr::contains);
    }

    static Set<String> values(String list) {
        return list == null ? Set.of() : Arrays.stream(list.split(",")).map(String::trim).filter(v -> !v.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}

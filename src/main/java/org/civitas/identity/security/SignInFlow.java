package org.civitas.identity.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.civitas.identity.CivitasPrincipal;
import org.civitas.identity.mfa.SecondFactor;
import org.civitas.platform.CivitasProperties;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;

/**
 * What happens after a right password: citizens are in; staff go on to their second factor (or
 * to setting one up, when the body requires it and they have none). Until then the session holds
 * a sign-in that grants nothing but the second-factor pages.
 */
@Component
public class SignInFlow implements AuthenticationSuccessHandler {

    private final SecondFactor secondFactor;
    private final CivitasProperties properties;
    private final SignInEvents events;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();
    private final RequestCache requestCache = pageRequestCache();

    SignInFlow(SecondFactor secondFactor, CivitasProperties properties, SignInEvents events) {
        this.secondFactor = secondFactor;
        this.properties = properties;
        this.events = events;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        CivitasPrincipal principal = (CivitasPrincipal) authentication.getPrincipal();
        if (heldForSecondFactor(request, response, principal)) {
            return;
        }
        events.signedIn(principal.accountId(), "password");
        boolean promptForSecondFactor = principal.staff();
        response.sendRedirect(promptForSecondFactor ? "/account?two-factor-prompt" : target(request, response));
    }

    /**
     * Staff with an authenticator app, or staff of a body that requires one, go on to it (or to setting
     * one up): the session holds a sign-in that grants nothing else until then.
     * @return whether the person was held and sent on (the response is then written)
     */
    boolean heldForSecondFactor(HttpServletRequest request, HttpServletResponse response, CivitasPrincipal principal)
            throws IOException {
        if (!principal.staff()) {
            return false;
        }
        if (secondFactor.enrolled(principal.accountId())) {
            hold(request, response, principal, SignInAuthorities.SECOND_FACTOR_DUE);
            response.sendRedirect("/sign-in/two-factor");
            return true;
        }
        if (properties.staffMfaRequired()) {
            hold(request, response, principal, SignInAuthorities.SECOND_FACTOR_SETUP_DUE);
            response.sendRedirect("/account/two-factor");
            return true;
        }
        return false;
    }

    /** The second factor was right (or just set up): the sign-in is complete. */
    public void completeSecondFactor(HttpServletRequest request, HttpServletResponse response) {
        Authentication held = contexts.getContext().getAuthentication();
        CivitasPrincipal principal = (CivitasPrincipal) held.getPrincipal();
        Authentication complete = UsernamePasswordAuthenticationToken.authenticated(principal, null,
                org.civitas.identity.account.AccountPrincipal.authoritiesOf(principal.roles()));
        request.changeSessionId(); // a new privilege level gets a new session id
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(complete);
        contexts.setContext(context);
        repository.saveContext(context, request, response);
        events.signedIn(principal.accountId(), principal instanceof OidcAccountPrincipal ? "oidc+totp" : "password+totp");
    }

    public String target(HttpServletRequest request, HttpServletResponse response) {
        SavedRequest saved = requestCache.getRequest(request, response);
        if (saved != null) {
            requestCache.removeRequest(request, response);
            String url = saved.getRedirectUrl();
            return url == null ? "/" : url;
        }
        return "/";
    }

    /**
     * Remembers the page a signed-out person asked for, to return there after sign-in. Only page
     * GETs: an API call that is refused must not create a session.
     */
    static RequestCache pageRequestCache() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(request -> "GET".equals(request.getMethod())
                && !request.getRequestURI().startsWith("/api/") && !request.getRequestURI().startsWith("/open311/"));
        return cache;
    }

    public static boolean secondFactorDue(Authentication authentication) {
        return authentication != null && authentication.getAuthorities().stream().anyMatch(a ->
                SignInAuthorities.SECOND_FACTOR_DUE.equals(a.getAuthority()));
    }

    public static boolean secondFactorSetupDue(Authentication authentication) {
        return authentication != null && authentication.getAuthorities().stream().anyMatch(a ->
                SignInAuthorities.SECOND_FACTOR_SETUP_DUE.equals(a.getAuthority()));
    }

    private void hold(HttpServletRequest request, HttpServletResponse response, CivitasPrincipal principal, String authority) {
        Authentication held = UsernamePasswordAuthenticationToken.authenticated(principal, null,
                List.of(new SimpleGrantedAuthority(authority)));
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(held);
        contexts.setContext(context);
        repository.saveContext(context, request, response);
    }
}

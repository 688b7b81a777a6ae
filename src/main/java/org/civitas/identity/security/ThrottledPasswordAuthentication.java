package org.civitas.identity.security;

import org.civitas.identity.IdentityEvents.SignInFailed;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * E-mail and password sign-in behind the throttle. Every refusal looks the same from outside
 * (unknown e-mail, wrong password, disabled account), so the answers do not reveal which accounts exist.
 */
class ThrottledPasswordAuthentication implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final SignInThrottle throttle;
    private final SignInEvents events;

    ThrottledPasswordAuthentication(DaoAuthenticationProvider passwords, SignInThrottle throttle, SignInEvents events) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.events = events;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = String.valueOf(authentication.getName());
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
        // claimed (and counted) before the password is hashed, so parallel guesses cannot all pass the check
        SignInThrottle.Decision decision = throttle.claim(email, address);
        if (decision.verdict() != SignInThrottle.Verdict.ALLOWED) {
            events.failed(new SignInFailed(decision.verdict() == SignInThrottle.Verdict.LOCKED ? "locked" : "throttled"));
            throw new SignInRefused(decision.verdict(), decision.retryAt());
        }
        try {
            Authentication result = passwords.authenticate(authentication);
            throttle.succeeded(email, address);
            return result;
        } catch (AuthenticationException e) {
            events.failed(new SignInFailed("bad-credentials"));
            throw new BadCredentialsException("bad credentials");
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}

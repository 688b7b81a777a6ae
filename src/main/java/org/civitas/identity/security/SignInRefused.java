package org.civitas.identity.security;

import java.time.Instant;

import org.springframework.security.core.AuthenticationException;

/** Too many failed attempts for this e-mail or address: the password was not even checked. */
class SignInRefused extends AuthenticationException {

    private final SignInThrottle.Verdict verdict;
    private final transient Instant retryAt;

    SignInRefused(SignInThrottle.Verdict verdict, Instant retryAt) {
        super("sign-in " + verdict.name().toLowerCase());
        this.verdict = verdict;
        this.retryAt = retryAt;
    }

    SignInThrottle.Verdict verdict() {
        return verdict;
    }

    Instant retryAt() {
        return retryAt;
    }
}

package org.civitas.identity.security;

/** Authorities of a sign-in that is half done: the password was right, the second factor is still due. */
final class SignInAuthorities {

    /** The person must type a code from their authenticator app (or a recovery code). */
    static final String SECOND_FACTOR_DUE = "SIGN_IN_SECOND_FACTOR_DUE";
    /** The person must set up an authenticator app before they can use their staff account. */
    static final String SECOND_FACTOR_SETUP_DUE = "SIGN_IN_SECOND_FACTOR_SETUP_DUE";

    private SignInAuthorities() {
    }
}

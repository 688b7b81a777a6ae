package org.civitas.platform;

import java.util.Optional;
import java.util.UUID;

/**
 * The language a signed-in person chose, kept on their account so it follows them to another
 * browser. The identity module provides it, since only it owns accounts; the platform's locale
 * resolution asks it after the query and the cookie (decision 0021).
 */
public interface AccountLanguages {

    /** The language code ({@code en} or {@code cy}) saved on the account, if the person ever chose one. */
    Optional<String> of(UUID accountId);

    /** Saves the person's choice ({@code en} or {@code cy}) on their account; nothing happens when it is already saved. */
    void choose(UUID accountId, String language);
}

package org.civitas.identity.account;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * A principal that does not keep the person's name in the shared session (it is personal data):
 * after the session is read, {@link AccountNames} tells it where to read the name from.
 */
public interface NameFromAccount {

    UUID accountId();

    void nameFrom(Supplier<String> source);
}

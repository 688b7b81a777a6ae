package org.civitas.identity;

import java.util.Optional;
import java.util.UUID;

/**
 * The name and e-mail address of an account, for modules that prefill a form for the signed-in
 * person (such as the contact details of a report). Personal data: use it for that person only,
 * never log it.
 */
public interface AccountContacts {

    /** The account's name and e-mail; empty for an unknown or disabled account. */
    Optional<AccountContact> contact(UUID accountId);

    record AccountContact(String name, String email) {

        @Override
        public String toString() {
            return "AccountContact[personal data]";
        }
    }
}

package org.civitas.trust;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A module that keeps personal data about people with an account (identity: the account itself;
 * requests: the contact details given with their requests). The trust module asks every holder
 * when a person looks at who has seen their data, downloads it, or has it erased; so it needs no
 * knowledge of the holders' tables.
 */
public interface PersonalDataHolder {

    /** The vault subjects under which this module keeps data about the person with this account. */
    List<UUID> subjectsOf(UUID accountId);

    /** What this module holds about the person, readable (names to values), for their download. */
    Map<String, Object> export(UUID accountId);

    /**
     * Erases the person's data in this module, in the caller's transaction: the data keys of their
     * subjects are destroyed through {@link PersonalData#erase}; what is not personal stays.
     */
    void erase(UUID accountId);
}

package org.civitas.trust;

import java.util.Collection;
import java.util.List;

/**
 * The access log: every time someone reaches a person's personal data (a reveal, an API read, an
 * export, an erasure), or is refused it, in the transaction of the access. Citizens read what is
 * about them on "Who has seen my data".
 */
public interface AccessLog {

    /** Writes the entry and publishes {@link PersonalDataAccessed}; joins the caller's transaction. */
    void record(DataAccess access);

    /** Entries about these subjects, newest first. */
    List<DataAccessEntry> about(Collection<java.util.UUID> subjects, int limit);
}

package org.civitas.platform;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Writes a module holds back until its transaction commits, so that they reach PostgreSQL in the
 * same round trip as the COMMIT (decision 0011). The platform's transaction manager calls
 * {@link #holdForCommit} just before a transaction starts to commit (from then on nothing held is
 * written early) and {@link #takeForCommit} when it commits. Under any other transaction manager
 * nobody calls them, and the module writes its rows itself before the commit.
 */
public interface WritesAtCommit {

    /** The current transaction is about to commit: keep what is held, and what comes, for {@link #takeForCommit}. */
    void holdForCommit();

    /** The statements held for the current transaction, handed over (and no longer held); null when there are none. */
    Held takeForCommit();

    /** One or more SQL statements separated by semicolons, and how to bind their parameters. */
    interface Held {
        String sql();

        /** Binds this statement's parameters from {@code first} on; returns the index after its last. */
        int bind(PreparedStatement statement, int first) throws SQLException;
    }
}

package org.civitas.platform.logging;

import java.sql.SQLException;

/**
 * A copy of an unexpected failure fit for the log: the same types and stack frames, without the
 * messages. Exception messages can carry what a person typed: PostgreSQL's "Failing row contains
 * (...)" repeats every value of the row, a parser repeats the input it choked on. Operators keep
 * where it failed and the SQL state; the values stay out.
 */
public final class RedactedFailure extends RuntimeException {

    private RedactedFailure(Throwable original, RedactedFailure cause) {
        super(describe(original), cause, false, true);
        setStackTrace(original.getStackTrace());
    }

    /** The failure and its causes with their messages left out. */
    public static RedactedFailure of(Throwable failure) {
        return copy(failure, 0);
    }

    private static RedactedFailure copy(Throwable failure, int depth) {
        Throwable cause = failure.getCause();
        RedactedFailure redactedCause = cause == null || cause == failure || depth > 20 ? null : copy(cause, depth + 1);
        return new RedactedFailure(failure, redactedCause);
    }

    private static String describe(Throwable failure) {
        String type = failure.getClass().getName();
        return failure instanceof SQLException sql && sql.getSQLState() != null ? type + " (SQL state " + sql.getSQLState() + ")" : type;
    }
}

package org.civitas.platform.web;

import java.io.IOException;

/** Thrown while reading a request body that turned out to be larger than Civitas accepts. */
public final class PayloadTooLargeException extends IOException {

    PayloadTooLargeException(long limit) {
        super("Request body over " + limit + " bytes");
    }

    /** Whether this failure, or anything that caused it, was a body over the size limit. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }
}

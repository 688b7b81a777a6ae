package org.civitas.catalogue;

import java.util.Arrays;
import java.util.Optional;

/** Where a service is in its life: only live services are offered to the public. */
public enum ServiceStatus {
    /** Being prepared; changes in place; not offered. */
    DRAFT("draft"),
    /** Offered; a change to what the public sees makes a new version. */
    LIVE("live"),
    /** No longer offered; its versions stay readable for the requests made under them. */
    RETIRED("retired");

    private final String code;

    ServiceStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<ServiceStatus> fromCode(String code) {
        return Arrays.stream(values()).filter(status -> status.code.equals(code)).findFirst();
    }
}

package org.civitas.catalogue;

import java.util.Arrays;
import java.util.Optional;

/** How a service answers a new request, as Open311 names it. */
public enum ServiceType {
    /** A request id is given at once. */
    REALTIME("realtime"),
    /** A token is given at once and the request id later. */
    BATCH("batch"),
    /** Neither: the request goes into a system that does not report back. */
    BLACKBOX("blackbox");

    private final String code;

    ServiceType(String code) {
        this.code = code;
    }

    /** The Open311 word for the type. */
    public String code() {
        return code;
    }

    public static Optional<ServiceType> fromCode(String code) {
        return Arrays.stream(values()).filter(type -> type.code.equals(code)).findFirst();
    }
}

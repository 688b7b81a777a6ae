package org.civitas.requests.cases;

import java.util.Arrays;
import java.util.Optional;

/** Where a request is in its lifecycle; Open311 sees only whether it is open or closed. */
public enum RequestStatus {
    SUBMITTED("submitted", true),
    ACKNOWLEDGED("acknowledged", true),
    IN_PROGRESS("in_progress", true),
    RESOLVED("resolved", false),
    CLOSED("closed", false),
    REJECTED("rejected", false),
    DUPLICATE("duplicate", false),
    REOPENED("reopened", true);

    private final String code;
    private final boolean open;

    RequestStatus(String code, boolean open) {
        this.code = code;
        this.open = open;
    }

    public String code() {
        return code;
    }

    public boolean open() {
        return open;
    }

    /** Open311's word for the status: {@code open} or {@code closed}. */
    public String open311() {
        return open ? "open" : "closed";
    }

    public static Optional<RequestStatus> fromCode(String code) {
        return Arrays.stream(values()).filter(status -> status.code.equals(code)).findFirst();
    }
}

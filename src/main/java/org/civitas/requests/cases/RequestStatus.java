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

    /**
     * Whether a case in this status may move to {@code next}: submitted → acknowledged → in progress →
     * resolved or closed; rejected or duplicate before work starts; resolved → closed; resolved or closed
     * → reopened, and a reopened case goes round again.
     */
    public boolean canBecome(RequestStatus next) {
        return switch (this) {
            case SUBMITTED -> next == ACKNOWLEDGED || next == REJECTED || next == DUPLICATE;
            case ACKNOWLEDGED -> next == IN_PROGRESS || next == REJECTED || next == DUPLICATE;
            case IN_PROGRESS -> next == RESOLVED || next == CLOSED;
            case RESOLVED -> next == CLOSED || next == REOPENED;
            case CLOSED -> next == REOPENED;
            case REOPENED -> next == ACKNOWLEDGED || next == IN_PROGRESS || next == RESOLVED || next == CLOSED;
            case REJECTED, DUPLICATE -> false;
        };
    }

    public static Optional<RequestStatus> fromCode(String code) {
        return Arrays.stream(values()).filter(status -> status.code.equals(code)).findFirst();
    }
}

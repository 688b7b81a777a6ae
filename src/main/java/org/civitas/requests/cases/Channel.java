package org.civitas.requests.cases;

/** How a request came in. */
public enum Channel {
    OPEN311("open311"), WEB("web"), API("api"), STAFF("staff"),
    /** Entered by a caseworker from a phone call. */
    PHONE("phone"),
    /** Entered by a caseworker from a visit at the counter. */
    COUNTER("counter");

    private final String code;

    Channel(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}

package org.civitas.catalogue;

import java.util.Arrays;
import java.util.Optional;

/**
 * Whether a service's requests are about a public place or about a person. Private requests never
 * appear in keyless outputs, and their address, location, description and photos are sealed for
 * the requester.
 */
public enum RequestPrivacy {
    /** A problem in a public place, such as a pothole: its location and description may be shown to anyone. */
    PUBLIC("public"),
    /** An application or anything about a person, such as a parking permit or a noise complaint. */
    PRIVATE("private");

    private final String code;

    RequestPrivacy(String code) {
        this.code = code;
    }

    /** The word used in the database and the APIs. */
    public String code() {
        return code;
    }

    public static Optional<RequestPrivacy> fromCode(String code) {
        return Arrays.stream(values()).filter(privacy -> privacy.code.equals(code)).findFirst();
    }
}

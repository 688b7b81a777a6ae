package org.civitas.identity;

import java.util.Arrays;
import java.util.Optional;

/** What a person may do in Civitas. Staff roles build on one another in the order declared. */
public enum Role {
    CITIZEN("citizen"),
    CASEWORKER("caseworker"),
    SERVICE_MANAGER("service_manager"),
    ADMINISTRATOR("administrator");

    private final String code;

    Role(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The Spring Security authority, e.g. {@code ROLE_CASEWORKER}. */
    public String authority() {
        return "ROLE_" + name();
    }

    public boolean staff() {
        return this != CITIZEN;
    }

    public static Optional<Role> fromCode(String code) {
        return Arrays.stream(values()).filter(role -> role.code.equals(code)).findFirst();
    }
}

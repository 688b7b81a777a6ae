package org.civitas.identity;

import java.util.List;

/**
 * What an API key may be allowed to do. A request authenticated by a key carries each scope as the
 * authority {@code SCOPE_<scope>}.
 */
public final class ApiScopes {

    /** Submit service requests and updates through Open311. */
    public static final String OPEN311_SUBMIT = "open311.submit";
    /** Read cases and their history through the native API. */
    public static final String REQUESTS_READ = "requests.read";
    /** Move cases through their lifecycle through the native API. */
    public static final String REQUESTS_MANAGE = "requests.manage";
    /** Read a requester's contact details, with a purpose, each read written to the access log. */
    public static final String REQUESTS_CONTACT = "requests.contact";
    /** Manage the service catalogue through the native API. */
    public static final String CATALOGUE_MANAGE = "catalogue.manage";

    public static final List<String> ALL = List.of(OPEN311_SUBMIT, REQUESTS_READ, REQUESTS_MANAGE, REQUESTS_CONTACT, CATALOGUE_MANAGE);

    private ApiScopes() {
    }

    public static String authority(String scope) {
        return "SCOPE_" + scope;
    }
}

package org.civitas.trust;

import java.util.List;
import java.util.UUID;

/**
 * One access to a person's personal data, to be recorded.
 *
 * @param subject  whose data (a vault subject); null when a refused attempt names nobody
 * @param action   one of {@link #REVEAL}, {@link #API_READ}, {@link #EXPORT}, {@link #ERASE}, {@link #RETENTION}
 * @param fields   which fields, by name, never their values
 * @param purpose  a code from {@link Purposes}, or null
 * @param detail   staff-written words about the purpose: stored sealed, never logged; may be null
 * @param resource what the data was reached through, such as a request reference; may be null
 */
public record DataAccess(Viewer viewer, UUID subject, String action, boolean granted, List<String> fields,
                         String purpose, String detail, String resource) {

    public static final String REVEAL = "reveal";
    public static final String API_READ = "api-read";
    public static final String EXPORT = "export";
    public static final String ERASE = "erase";
    public static final String RETENTION = "retention";

    public DataAccess {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    @Override
    public String toString() {
        return "DataAccess[" + action + " of " + subject + " by " + viewer.kind() + " " + viewer.id() + "]";
    }
}

package org.civitas.trust;

import java.util.List;

/**
 * Why staff or an API client look at a person's contact details: the list they choose from (each
 * code has a label {@code trust.purpose.<code>} in the message bundle). {@link #OTHER} needs words.
 */
public final class Purposes {

    public static final String UPDATE = "update";
    public static final String MORE_DETAILS = "more-details";
    public static final String ARRANGE_ACCESS = "arrange-access";
    public static final String OTHER = "other";

    /** What staff and API clients may give. */
    public static final List<String> FOR_CONTACT = List.of(UPDATE, MORE_DETAILS, ARRANGE_ACCESS, OTHER);

    /** Recorded by Civitas itself. */
    public static final String SUBJECT_EXPORT = "subject-export";
    public static final String SUBJECT_ERASURE = "subject-erasure";
    public static final String RETENTION = "retention";

    /** The longest purpose text accepted. */
    public static final int MAX_DETAIL = 500;

    private Purposes() {
    }
}

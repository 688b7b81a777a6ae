package org.civitas.platform.input;

/**
 * Sizes and positions people ask for: how many entries a tree holds, which entry, how many bytes.
 * A size is a whole number from 0 to a maximum the caller names; there is no unit to read.
 */
public final class Sizes {

    private Sizes() {
    }

    /** A size from 0 to {@code max}; blank text is {@link Rule#REQUIRED}. */
    public static Parsed<Long> parse(String text, long max) {
        if (max < 0) {
            throw new IllegalArgumentException("max " + max + " < 0");
        }
        return WholeNumbers.parse(text, 0, max);
    }
}

package org.civitas.requests.cases;

import java.util.regex.Pattern;

/**
 * The one rule for markup in what people type into a request, a note or a comment, on every surface
 * (pages, the native API, Open311): text between {@code <} and {@code >} is refused, as the error
 * messages tell people. Output is escaped anyway; refusing markup keeps stored text plain for every
 * channel that shows it later.
 */
public final class Markup {

    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private Markup() {
    }

    /** Whether the text holds anything between {@code <} and {@code >}. */
    public static boolean in(String text) {
        return text != null && TAG.matcher(text).find();
    }
}

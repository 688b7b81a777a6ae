package org.civitas.catalogue;

import java.util.Locale;

/**
 * Words a service manager wrote in both of the body's languages: English ({@code en}) and Welsh
 * ({@code cy}). Welsh may be missing (a draft, or a service written before Welsh came, or a body
 * with Welsh switched off): a reader then gets the English. English may be missing only where the
 * whole text is optional (a question's hint).
 *
 * <p>Readers call {@link #in(Locale)} with the page's or the request's locale; nothing else picks a
 * language, so a service's words are chosen the same way on every page and API.
 */
public record Text(String en, String cy) {

    /** Welsh, as {@link Locale#forLanguageTag(String)} names it. */
    public static final String WELSH = "cy";

    public Text {
        en = blankToNull(en);
        cy = blankToNull(cy);
    }

    /** English only (no Welsh yet). */
    public static Text of(String en) {
        return new Text(en, null);
    }

    /** Both languages; either may be null. */
    public static Text of(String en, String cy) {
        return new Text(en, cy);
    }

    /** The words in the reader's language: Welsh for a Welsh locale when there is Welsh, else English (null when there are none). */
    public String in(Locale locale) {
        if (cy != null && locale != null && WELSH.equals(locale.getLanguage())) {
            return cy;
        }
        return en;
    }

    /** English, or an empty string when there is none (for text that is optional, such as a description). */
    public String enOrEmpty() {
        return en == null ? "" : en;
    }

    /** Welsh, or an empty string when there is none. */
    public String cyOrEmpty() {
        return cy == null ? "" : cy;
    }

    /** Whether there is English and it has no Welsh twin. */
    public boolean missingWelsh() {
        return en != null && cy == null;
    }

    /** The English: a Text printed by mistake reads as the words, not as a record. */
    @Override
    public String toString() {
        return enOrEmpty();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

package org.civitas.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;

/**
 * The languages this Civitas speaks ({@code CIVITAS_LANGUAGES}, {@code en,cy} by default) and the one
 * it speaks when nobody has said otherwise ({@code CIVITAS_DEFAULT_LANGUAGE}, {@code en} by default).
 * A language is named by its code, {@code en} (English, en-GB) or {@code cy} (Welsh, cy-GB); the words
 * come from the bundles and their {@code _cy} twins. How a request's language is chosen: decision 0021.
 */
public final class Languages {

    public static final String ENGLISH = "en";
    public static final String WELSH = "cy";

    private static final List<String> KNOWN = List.of(ENGLISH, WELSH);

    private final List<String> enabled;
    private final String defaultLanguage;

    private Languages(List<String> enabled, String defaultLanguage) {
        this.enabled = List.copyOf(enabled);
        this.defaultLanguage = defaultLanguage;
    }

    /**
     * The deployer's settings, checked: each language is {@code en} or {@code cy}, at least one is given,
     * and the default is one of them. A wrong value stops start-up with a message naming the variable.
     */
    public static Languages of(String languages, String defaultLanguage) {
        List<String> enabled = new ArrayList<>();
        String given = languages == null ? "" : languages;
        for (String part : given.split(",", -1)) {
            String code = part.strip().toLowerCase(Locale.ROOT);
            if (!KNOWN.contains(code)) {
                throw new IllegalStateException("CIVITAS_LANGUAGES must be a comma-separated list of en and cy (such as en,cy or en), not '"
                        + printable(given) + "'");
            }
            if (!enabled.contains(code)) {
                enabled.add(code);
            }
        }
        String chosen = defaultLanguage == null ? "" : defaultLanguage.strip().toLowerCase(Locale.ROOT);
        if (!KNOWN.contains(chosen)) {
            throw new IllegalStateException("CIVITAS_DEFAULT_LANGUAGE must be en or cy, not '" + printable(defaultLanguage) + "'");
        }
        if (!enabled.contains(chosen)) {
            throw new IllegalStateException("CIVITAS_DEFAULT_LANGUAGE is " + chosen + " but CIVITAS_LANGUAGES (" + String.join(",", enabled)
                    + ") does not include it");
        }
        return new Languages(enabled, chosen);
    }

    private static String printable(String value) {
        String text = value == null ? "" : value;
        text = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return text.replaceAll("\\p{Cntrl}", "?");
    }

    /** The codes of the languages this Civitas speaks, in the deployer's order. */
    public List<String> enabled() {
        return enabled;
    }

    public String defaultLanguage() {
        return defaultLanguage;
    }

    /** Whether pages offer a choice of language (both English and Welsh are on). */
    public boolean choice() {
        return enabled.size() > 1;
    }

    /** Whether this code names a language this Civitas speaks (exactly {@code en} or {@code cy}, any case). */
    public boolean speaks(String code) {
        return code != null && enabled.contains(code.strip().toLowerCase(Locale.ROOT));
    }

    /** The locale of a language code: en-GB for {@code en}, cy-GB for {@code cy}. */
    public static Locale locale(String code) {
        return WELSH.equalsIgnoreCase(code == null ? null : code.strip()) ? Locale.forLanguageTag("cy-GB") : Locale.UK;
    }

    /** The language code of a locale: {@code cy} for Welsh, {@code en} for anything else. */
    public static String code(Locale locale) {
        return locale != null && WELSH.equals(locale.getLanguage()) ? WELSH : ENGLISH;
    }

    /**
     * The language of the request being answered: the page's language on pages, the one asked for
     * with {@code Accept-Language} (else the body's default) on Open311 and {@code /api/v1}.
     */
    public static String current() {
        return code(LocaleContextHolder.getLocale());
    }
}

package org.civitas.platform.input;

/**
 * Whole numbers written in ASCII digits with an optional sign ({@code 42}, {@code +7}, {@code -3}).
 * Text longer than any long can be is refused unread, so no digit string, however long, costs more
 * than a glance; other scripts' digits (which {@link Long#parseLong} would take) are refused.
 */
public final class WholeNumbers {

    /** A sign and the 19 digits of {@link Long#MAX_VALUE}. */
    public static final int MAX_LENGTH = 20;
    /** Blanks around the number that are ignored; more text than this is refused before it is trimmed. */
    static final int MAX_RAW_LENGTH = 64;

    private WholeNumbers() {
    }

    /** A whole number from {@code min} to {@code max}; blank text is {@link Rule#REQUIRED}. */
    public static Parsed<Long> parse(String text, long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " > max " + max);
        }
        Parsed<String> given = Parsed.trimmed(text, MAX_LENGTH);
        if (!given.ok()) {
            return Parsed.refused(given.refusal().orElseThrow());
        }
        String trimmed = given.get();
        int start = 0;
        boolean negative = false;
        char first = trimmed.charAt(0);
        if (first == '+' || first == '-') {
            negative = first == '-';
            start = 1;
        }
        if (start == trimmed.length()) {
            return Parsed.refused(Rule.NOT_A_WHOLE_NUMBER);
        }
        // accumulate as a negative number, which reaches Long.MIN_VALUE without overflowing
        long value = 0;
        boolean overflow = false;
        for (int i = start; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c < '0' || c > '9') {
                return Parsed.refused(Rule.NOT_A_WHOLE_NUMBER);
            }
            int digit = c - '0';
            if (!overflow) {
                if (value < (Long.MIN_VALUE + digit) / 10) {
                    overflow = true;
                } else {
                    value = value * 10 - digit;
                }
            }
        }
        if (overflow) {
            return Parsed.refused(negative ? Rule.BELOW_MINIMUM : Rule.ABOVE_MAXIMUM);
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                return Parsed.refused(Rule.ABOVE_MAXIMUM);
            }
            value = -value;
        }
        if (value < min) {
            return Parsed.refused(Rule.BELOW_MINIMUM);
        }
        if (value > max) {
            return Parsed.refused(Rule.ABOVE_MAXIMUM);
        }
        return Parsed.value(value);
    }

    /** A whole number from {@code min} to {@code max} that fits an int. */
    public static Parsed<Integer> parseInt(String text, int min, int max) {
        Parsed<Long> parsed = parse(text, min, max);
        return parsed.ok() ? Parsed.value((int) (long) parsed.get()) : Parsed.refused(parsed.refusal().orElseThrow());
    }

    /** {@code otherwise} when the text is absent or blank; else as {@link #parseInt}. */
    public static Parsed<Integer> parseInt(String text, int min, int max, int otherwise) {
        return blank(text) ? Parsed.value(otherwise) : parseInt(text, min, max);
    }

    static boolean blank(String text) {
        return text == null || (text.length() <= MAX_RAW_LENGTH && text.isBlank());
    }
}

package org.civitas.platform.input;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Calendar dates, either as ISO-8601 ({@code 2026-03-10}, as the APIs take them) or as the three
 * boxes of a GOV.UK date input (day, month, year). Years run from {@value #MIN_YEAR} to
 * {@value #MAX_YEAR}: no service here has anything to do with dates outside them.
 */
public final class Dates {

    public static final int MIN_YEAR = 1900;
    public static final int MAX_YEAR = 2200;

    private Dates() {
    }

    /** An ISO-8601 calendar date, {@code yyyy-MM-dd} exactly. */
    public static Parsed<LocalDate> parse(String text) {
        if (text == null) {
            return Parsed.refused(Rule.REQUIRED);
        }
        if (text.length() > WholeNumbers.MAX_RAW_LENGTH) {
            return Parsed.refused(Rule.TOO_LONG);
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return Parsed.refused(Rule.REQUIRED);
        }
        if (trimmed.length() != 10 || trimmed.charAt(4) != '-' || trimmed.charAt(7) != '-') {
            return Parsed.refused(trimmed.length() > 10 ? Rule.TOO_LONG : Rule.NOT_A_DATE);
        }
        for (int i = 0; i < 10; i++) {
            char c = trimmed.charAt(i);
            // yyyy-MM-dd exactly: digits in every place but the two hyphens (the boxes below forgive spaces, ISO does not)
            if (i != 4 && i != 7 && (c < '0' || c > '9')) {
                return Parsed.refused(Rule.NOT_A_DATE);
            }
        }
        return of(trimmed.substring(8, 10), trimmed.substring(5, 7), trimmed.substring(0, 4));
    }

    /** A date from a GOV.UK date input's three boxes. */
    public static Parsed<LocalDate> of(String day, String month, String year) {
        if (WholeNumbers.blank(day) && WholeNumbers.blank(month) && WholeNumbers.blank(year)) {
            return Parsed.refused(Rule.REQUIRED);
        }
        Parsed<Long> y = WholeNumbers.parse(year, 0, 9999);
        Parsed<Long> m = WholeNumbers.parse(month, 1, 12);
        Parsed<Long> d = WholeNumbers.parse(day, 1, 31);
        if (!y.ok() || !m.ok() || !d.ok() || unsigned(year, day, month)) {
            return Parsed.refused(Rule.NOT_A_DATE);
        }
        if (y.get() < MIN_YEAR || y.get() > MAX_YEAR) {
            return Parsed.refused(Rule.YEAR_OUT_OF_RANGE);
        }
        try {
            return Parsed.value(LocalDate.of((int) (long) y.get(), (int) (long) m.get(), (int) (long) d.get()));
        } catch (DateTimeException e) {
            return Parsed.refused(Rule.NOT_A_DATE); // 30 February and the like
        }
    }

    /** Dates are written without signs: "+12" is not a month. */
    private static boolean unsigned(String... parts) {
        for (String part : parts) {
            String p = part.strip();
            if (p.startsWith("+") || p.startsWith("-")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a year is one Civitas accepts. */
    public static boolean inRange(int year) {
        return year >= MIN_YEAR && year <= MAX_YEAR;
    }
}

package org.civitas.requests.cases;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one parser for a latitude or a longitude in decimal degrees, on every channel (the web's map
 * pin, Open311's {@code lat}/{@code long}, staff-entered requests, the native API). Pure and bounded:
 * the text is checked character by character against a plain decimal form before any number is
 * made, so an exponent ({@code 1e-40000000}), a non-finite value ({@code NaN}, {@code Infinity}),
 * hexadecimal or an overlong string are refused without arithmetic. What is accepted is at most
 * {@value #MAX_LENGTH} characters: an optional sign, 1 to 3 digits, and optionally a point and 1 to
 * {@value #MAX_INPUT_DECIMALS} decimals (what phones' GPS gives), rounded half up to
 * {@value #DECIMALS} decimals (about 11 cm), which is what is stored.
 */
public final class Coordinates {

    /** Decimals kept (the columns are numeric(9,6)). */
    public static final int DECIMALS = 6;
    /** Decimals accepted in the text before rounding. */
    public static final int MAX_INPUT_DECIMALS = 15;
    /** Longest text accepted, surrounding blanks excluded: a sign, 3 digits, a point and the decimals. */
    public static final int MAX_LENGTH = 1 + 3 + 1 + MAX_INPUT_DECIMALS;

    /** The kind of a coordinate and its range in degrees. */
    public enum Axis {
        LATITUDE(90), LONGITUDE(180);

        private final int limit;

        Axis(int limit) {
            this.limit = limit;
        }

        public int limit() {
            return limit;
        }
    }

    /** What became of the text: a coordinate, or why not. */
    public sealed interface Parsed permits Valid, Refused {
    }

    /** A coordinate within range, with {@value #DECIMALS} decimals. */
    public record Valid(BigDecimal degrees) implements Parsed {
    }

    /**
     * The text was refused: {@link Reason#NUMBER} when it is not a decimal number of the accepted
     * form, {@link Reason#RANGE} when it is one but beyond the axis's limit.
     */
    public record Refused(Reason reason) implements Parsed {
    }

    public enum Reason { NUMBER, RANGE }

    private static final Refused NOT_A_NUMBER = new Refused(Reason.NUMBER);
    private static final Refused OUT_OF_RANGE = new Refused(Reason.RANGE);

    private Coordinates() {
    }

    /** Parses a latitude (-90 to 90). */
    public static Parsed latitude(String text) {
        return parse(text, Axis.LATITUDE);
    }

    /** Parses a longitude (-180 to 180). */
    public static Parsed longitude(String text) {
        return parse(text, Axis.LONGITUDE);
    }

    /** Parses {@code text} (blanks around it ignored) as a coordinate on {@code axis}; null counts as not a number. */
    public static Parsed parse(String text, Axis axis) {
        if (text == null) {
            return NOT_A_NUMBER;
        }
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) <= ' ') {
            end--;
        }
        if (end - start > MAX_LENGTH || end == start) {
            return NOT_A_NUMBER;
        }
        int i = start;
        char sign = text.charAt(i);
        if (sign == '+' || sign == '-') {
            i++;
        }
        int integerDigits = 0;
        while (i < end && isDigit(text.charAt(i))) {
            i++;
            integerDigits++;
        }
        if (integerDigits < 1 || integerDigits > 3) {
            return NOT_A_NUMBER;
        }
        if (i < end) {
            if (text.charAt(i) != '.') {
                return NOT_A_NUMBER;
            }
            i++;
            int decimals = 0;
            while (i < end && isDigit(text.charAt(i))) {
                i++;
                decimals++;
            }
            if (decimals < 1 || decimals > MAX_INPUT_DECIMALS || i != end) {
                return NOT_A_NUMBER;
            }
        }
        // a plain decimal of at most 20 characters: making and rounding it is cheap
        BigDecimal given = new BigDecimal(text.substring(start, end));
        if (given.abs().compareTo(BigDecimal.valueOf(axis.limit())) > 0) {
            return OUT_OF_RANGE;
        }
        return new Valid(given.setScale(DECIMALS, RoundingMode.HALF_UP));
    }

    /** ASCII digits only: {@link Character#isDigit} also takes other scripts' digits, which BigDecimal would read. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

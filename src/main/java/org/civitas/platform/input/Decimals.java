package org.civitas.platform.input;

import java.math.BigDecimal;

/**
 * Decimal numbers: ASCII digits with an optional sign, one decimal point and a small exponent
 * ({@code 12.5}, {@code -0.25}, {@code 1.5e3}). The text is read by hand before any
 * {@link BigDecimal} exists: more than {@value #MAX_LENGTH} characters, an exponent of more than
 * {@value #MAX_EXPONENT_DIGITS} digits, {@code NaN} and {@code Infinity} are refused, so no value
 * that reaches arithmetic has a scale or precision that makes it slow
 * ({@code 1e-40000000} cost 20 seconds of CPU in {@code setScale}).
 */
public final class Decimals {

    public static final int MAX_LENGTH = 40;
    public static final int MAX_EXPONENT_DIGITS = 3;

    private Decimals() {
    }

    /**
     * A number from {@code min} to {@code max} with at most {@code maxDecimalPlaces} digits after the
     * point (trailing zeros do not count); blank text is {@link Rule#REQUIRED}.
     */
    public static Parsed<BigDecimal> parse(String text, BigDecimal min, BigDecimal max, int maxDecimalPlaces) {
        if (min.compareTo(max) > 0 || maxDecimalPlaces < 0) {
            throw new IllegalArgumentException("bad bounds");
        }
        Parsed<String> given = Parsed.trimmed(text, MAX_LENGTH);
        if (!given.ok()) {
            return Parsed.refused(given.refusal().orElseThrow());
        }
        String trimmed = given.get();
        int i = 0;
        int n = trimmed.length();
        if (trimmed.charAt(0) == '+' || trimmed.charAt(0) == '-') {
            i++;
        }
        int digits = 0;
        boolean nonZero = false;
        while (i < n && isDigit(trimmed.charAt(i))) {
            nonZero |= trimmed.charAt(i) != '0';
            digits++;
            i++;
        }
        if (i < n && trimmed.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(trimmed.charAt(i))) {
                nonZero |= trimmed.charAt(i) != '0';
                digits++;
                i++;
            }
        }
        if (digits == 0) {
            return Parsed.refused(Rule.NOT_A_NUMBER);
        }
        if (i < n && (trimmed.charAt(i) == 'e' || trimmed.charAt(i) == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < n && (trimmed.charAt(i) == '+' || trimmed.charAt(i) == '-')) {
                negativeExponent = trimmed.charAt(i) == '-';
                i++;
            }
            int exponentStart = i;
            while (i < n && isDigit(trimmed.charAt(i))) {
                i++;
            }
            if (i == exponentStart || i < n) {
                return Parsed.refused(Rule.NOT_A_NUMBER);
            }
            int exponentDigits = significantDigits(trimmed, exponentStart, i);
            if (exponentDigits > MAX_EXPONENT_DIGITS) {
                if (!nonZero) {
                    return within(BigDecimal.ZERO, min, max);
                }
                if (negativeExponent) {
                    return Parsed.refused(Rule.TOO_MANY_DECIMAL_PLACES);
                }
                return Parsed.refused(trimmed.charAt(0) == '-' ? Rule.BELOW_MINIMUM : Rule.ABOVE_MAXIMUM);
            }
        }
        if (i < n) {
            return Parsed.refused(Rule.NOT_A_NUMBER);
        }
        // at most 40 characters with an exponent below 1000: BigDecimal reads and compares it in microseconds
        BigDecimal value = new BigDecimal(trimmed);
        if (nonZero && value.stripTrailingZeros().scale() > maxDecimalPlaces) {
            return Parsed.refused(Rule.TOO_MANY_DECIMAL_PLACES);
        }
        return within(nonZero ? value : BigDecimal.ZERO, min, max);
    }

    private static Parsed<BigDecimal> within(BigDecimal value, BigDecimal min, BigDecimal max) {
        if (value.compareTo(min) < 0) {
            return Parsed.refused(Rule.BELOW_MINIMUM);
        }
        if (value.compareTo(max) > 0) {
            return Parsed.refused(Rule.ABOVE_MAXIMUM);
        }
        return Parsed.value(value);
    }

    private static int significantDigits(String text, int from, int to) {
        int i = from;
        while (i < to - 1 && text.charAt(i) == '0') {
            i++;
        }
        return to - i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

package org.civitas.platform.input;

/**
 * A rule a piece of text broke when it was parsed. Each has a message key in the platform bundle
 * that words it for people; channels with a more precise message of their own use that instead.
 */
public enum Rule {
    /** Nothing was given where a value is needed. */
    REQUIRED("input.rule.required"),
    /** More characters than any valid value of this kind has: refused unread. */
    TOO_LONG("input.rule.tooLong"),
    /** Not written as a whole number in ASCII digits. */
    NOT_A_WHOLE_NUMBER("input.rule.wholeNumber"),
    /** Not written as a decimal number (digits, one point, an optional small exponent). */
    NOT_A_NUMBER("input.rule.number"),
    /** Smaller than the smallest value allowed. */
    BELOW_MINIMUM("input.rule.belowMinimum"),
    /** Larger than the largest value allowed. */
    ABOVE_MAXIMUM("input.rule.aboveMaximum"),
    /** More digits after the decimal point than allowed. */
    TOO_MANY_DECIMAL_PLACES("input.rule.decimalPlaces"),
    /** Not a real calendar date written as ISO-8601 (2026-03-10) or as day, month and year. */
    NOT_A_DATE("input.rule.date"),
    /** Not an ISO-8601 date and time with its offset from UTC (2026-03-10T14:30:00Z). */
    NOT_A_DATE_TIME("input.rule.dateTime"),
    /** A real date, but its year is outside the years Civitas accepts. */
    YEAR_OUT_OF_RANGE("input.rule.year");

    private final String messageKey;

    Rule(String messageKey) {
        this.messageKey = messageKey;
    }

    /** The platform bundle's key that words this rule. */
    public String messageKey() {
        return messageKey;
    }
}

package org.civitas.platform.input;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Dates with a time and an offset from UTC, ISO-8601 as Open311 and /api/v1 take them
 * ({@code 2026-03-10T14:30:00Z}, {@code 2026-06-10T14:30:00.5+01:00}). At most
 * {@value #MAX_LENGTH} characters, and the year (in the text's own offset) from
 * {@value Dates#MIN_YEAR} to {@value Dates#MAX_YEAR}: Java would read year +999999999, which then
 * fails when turned into another time zone.
 */
public final class DateTimes {

    /** The longest valid form: 2026-03-10T14:30:00.123456789+01:00:00 is 38 characters. */
    public static final int MAX_LENGTH = 40;

    private DateTimes() {
    }

    /** The moment an ISO-8601 date-time with offset names. */
    public static Parsed<Instant> parse(String text) {
        Parsed<OffsetDateTime> parsed = parseOffset(text);
        return parsed.ok() ? Parsed.value(parsed.get().toInstant()) : Parsed.refused(parsed.refusal().orElseThrow());
    }

    /** An ISO-8601 date-time with its offset kept. */
    public static Parsed<OffsetDateTime> parseOffset(String text) {
        Parsed<String> given = Parsed.trimmed(text, MAX_LENGTH);
        if (!given.ok()) {
            return Parsed.refused(given.refusal().orElseThrow());
        }
        String trimmed = given.get();
        OffsetDateTime parsed;
        try {
            parsed = OffsetDateTime.parse(trimmed, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            return Parsed.refused(Rule.NOT_A_DATE_TIME);
        }
        if (!Dates.inRange(parsed.getYear())) {
            return Parsed.refused(Rule.YEAR_OUT_OF_RANGE);
        }
        return Parsed.value(parsed);
    }
}

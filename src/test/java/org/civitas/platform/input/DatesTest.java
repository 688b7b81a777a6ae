package org.civitas.platform.input;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatesTest {

    @Test
    void readsIsoDates() {
        assertThat(Dates.parse("2026-03-10")).isEqualTo(Parsed.value(LocalDate.of(2026, 3, 10)));
        assertThat(Dates.parse(" 2024-02-29 ")).isEqualTo(Parsed.value(LocalDate.of(2024, 2, 29)));
    }

    @Test
    void refusesDatesThatAreNotRealOrNotIso() {
        for (String text : new String[] {"2025-02-29", "2026-13-01", "2026-00-10", "2026-3-10", "10/03/2026", "2026-03-1x", "+026-03-10",
                "2026-+3-10", "1974- 8-27", "1974-08- 7", " 974-08-27x"}) {
            assertThat(Dates.parse(text)).as(text).isEqualTo(Parsed.refused(Rule.NOT_A_DATE));
        }
        assertThat(Dates.parse("2026-03-10T00:00:00Z")).isEqualTo(Parsed.refused(Rule.TOO_LONG));
        assertThat(Dates.parse("x".repeat(1_000_000))).isEqualTo(Parsed.refused(Rule.TOO_LONG));
    }

    @Test
    void readsTheThreeBoxesOfADateInput() {
        assertThat(Dates.of("1", "3", "2026")).isEqualTo(Parsed.value(LocalDate.of(2026, 3, 1)));
        assertThat(Dates.of("31", "4", "2026")).isEqualTo(Parsed.refused(Rule.NOT_A_DATE));
        assertThat(Dates.of("", "", "")).isEqualTo(Parsed.refused(Rule.REQUIRED));
        assertThat(Dates.of("1", "", "2026")).isEqualTo(Parsed.refused(Rule.NOT_A_DATE));
        assertThat(Dates.of("1", "3", "99999999999999999999")).isEqualTo(Parsed.refused(Rule.NOT_A_DATE));
        assertThat(Dates.of("-1", "3", "2026")).isEqualTo(Parsed.refused(Rule.NOT_A_DATE));
    }

    @Test
    void keepsYearsSane() {
        assertThat(Dates.parse("1899-12-31")).isEqualTo(Parsed.refused(Rule.YEAR_OUT_OF_RANGE));
        assertThat(Dates.parse("2201-01-01")).isEqualTo(Parsed.refused(Rule.YEAR_OUT_OF_RANGE));
        assertThat(Dates.of("1", "1", "26")).isEqualTo(Parsed.refused(Rule.YEAR_OUT_OF_RANGE));
    }

    @Test
    void readsIsoDateTimesWithTheirOffset() {
        assertThat(DateTimes.parse("2026-03-10T14:30:00Z")).isEqualTo(Parsed.value(Instant.parse("2026-03-10T14:30:00Z")));
        assertThat(DateTimes.parse("2026-06-10T14:30:00+01:00")).isEqualTo(Parsed.value(Instant.parse("2026-06-10T13:30:00Z")));
        assertThat(DateTimes.parse("2026-06-10T14:30+01:00")).isEqualTo(Parsed.value(Instant.parse("2026-06-10T13:30:00Z")));
        assertThat(DateTimes.parse("2026-06-10T14:30:00.123456789-05:30")).isEqualTo(
                Parsed.value(Instant.parse("2026-06-10T20:00:00.123456789Z")));
    }

    @Test
    void refusesDateTimesWithoutAnOffsetOrOutsideTheYears() {
        assertThat(DateTimes.parse("2026-03-10T14:30:00")).isEqualTo(Parsed.refused(Rule.NOT_A_DATE_TIME));
        assertThat(DateTimes.parse("2026-03-10")).isEqualTo(Parsed.refused(Rule.NOT_A_DATE_TIME));
        assertThat(DateTimes.parse("2026-02-30T14:30:00Z")).isEqualTo(Parsed.refused(Rule.NOT_A_DATE_TIME));
        assertThat(DateTimes.parse("+999999999-12-31T23:59:59-18:00")).as("a year Java reads but cannot move to another zone")
                .isEqualTo(Parsed.refused(Rule.YEAR_OUT_OF_RANGE));
        assertThat(DateTimes.parse("0001-01-01T00:00:00Z")).isEqualTo(Parsed.refused(Rule.YEAR_OUT_OF_RANGE));
        assertThat(DateTimes.parse("2026-03-10T14:30:00Z" + " ".repeat(100))).isEqualTo(Parsed.refused(Rule.TOO_LONG));
        assertThat(DateTimes.parse("2026-03-10T14:30:00.12345678901234567890Z")).isEqualTo(Parsed.refused(Rule.TOO_LONG));
        assertThat(DateTimes.parse("")).isEqualTo(Parsed.refused(Rule.REQUIRED));
    }
}

package org.civitas.platform.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/** Dates and times as people read them, in English and in Welsh (GOV.UK Wales writes yb and yh). */
class ShownTimesTest {

    static final Locale WELSH = Locale.forLanguageTag("cy-GB");
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void anAfternoonInDecember() {
        Instant at = Instant.parse("2026-12-06T14:30:00Z");
        assertThat(ShownTimes.dateTime(at, LONDON, Locale.UK)).isEqualTo("6 December 2026, 2:30pm");
        assertThat(ShownTimes.dateTime(at, LONDON, WELSH)).isEqualTo("6 Rhagfyr 2026, 2:30yh");
    }

    @Test
    void aSummerMorningIsShownInTheBodysTimeZone() {
        Instant at = Instant.parse("2026-07-01T08:05:00Z");
        assertThat(ShownTimes.dateTime(at, LONDON, Locale.UK)).isEqualTo("1 July 2026, 9:05am");
        assertThat(ShownTimes.dateTime(at, LONDON, WELSH)).isEqualTo("1 Gorffennaf 2026, 9:05yb");
    }

    @Test
    void middayAndMidnight() {
        assertThat(ShownTimes.time(LocalTime.NOON, Locale.UK)).isEqualTo("12:00pm");
        assertThat(ShownTimes.time(LocalTime.MIDNIGHT, Locale.UK)).isEqualTo("12:00am");
        assertThat(ShownTimes.time(LocalTime.NOON, WELSH)).isEqualTo("12:00yh");
        assertThat(ShownTimes.time(LocalTime.MIDNIGHT, WELSH)).isEqualTo("12:00yb");
    }

    @Test
    void everyMonthHasItsWelshName() {
        String[] welsh = {"Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref",
                "Tachwedd", "Rhagfyr"};
        for (int month = 1; month <= 12; month++) {
            assertThat(ShownTimes.date(LocalDate.of(2027, month, 15), WELSH)).isEqualTo("15 " + welsh[month - 1] + " 2027");
        }
        assertThat(ShownTimes.date(LocalDate.of(2027, 1, 15), Locale.UK)).isEqualTo("15 January 2027");
    }

    @Test
    void daysOfTheWeek() {
        assertThat(ShownTimes.dayAndDate(LocalDate.of(2026, 12, 25), Locale.UK)).isEqualTo("Friday 25 December 2026");
        assertThat(ShownTimes.dayAndDate(LocalDate.of(2026, 12, 25), WELSH)).isEqualTo("Dydd Gwener 25 Rhagfyr 2026");
    }

    @Test
    void anyOtherLocaleIsEnglish() {
        assertThat(ShownTimes.date(LocalDate.of(2026, 12, 6), Locale.GERMANY)).isEqualTo("6 December 2026");
        assertThat(ShownTimes.time(LocalTime.of(18, 0), null)).isEqualTo("6:00pm");
    }
}

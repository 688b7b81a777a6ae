package org.civitas.catalogue.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import org.civitas.catalogue.Sla;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Working time in Europe/London, Monday to Friday 09:00–17:00, with England and Wales bank holidays of 2026. */
class WorkingTimeTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Set<LocalDate> HOLIDAYS = Set.of(
            LocalDate.parse("2026-04-03"), LocalDate.parse("2026-04-06"), LocalDate.parse("2026-05-04"),
            LocalDate.parse("2026-12-25"), LocalDate.parse("2026-12-28"), LocalDate.parse("2027-01-01"));

    private final WorkingTime calendar = new WorkingTime(LONDON,
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0), HOLIDAYS::contains);

    // ---- working hours ----

    @Test
    void hoursWithinOneWorkingDay() {
        // Tuesday 10 March 2026, 10:00 GMT
        assertThat(due("2026-03-10T10:00", Sla.workingHours(4))).isEqualTo(london("2026-03-10T14:00"));
    }

    @Test
    void hoursEndingExactlyAtCloseStayOnThatDay() {
        assertThat(due("2026-03-10T09:00", Sla.workingHours(8))).isEqualTo(london("2026-03-10T17:00"));
    }

    @Test
    void hoursCarryOverToTheNextWorkingDay() {
        assertThat(due("2026-03-10T15:00", Sla.workingHours(4))).isEqualTo(london("2026-03-11T11:00"));
    }

    @Test
    void hoursOverAWeekendSkipIt() {
        // Friday 13 March 16:00 + 3 h = 1 h Friday, 2 h Monday
        assertThat(due("2026-03-13T16:00", Sla.workingHours(3))).isEqualTo(london("2026-03-16T11:00"));
    }

    @Test
    void hoursSubmittedBeforeOpeningStartAtOpening() {
        assertThat(due("2026-03-10T06:30", Sla.workingHours(2))).isEqualTo(london("2026-03-10T11:00"));
    }

    @Test
    void hoursSubmittedAfterClosingStartNextWorkingMorning() {
        assertThat(due("2026-03-10T17:00", Sla.workingHours(2))).isEqualTo(london("2026-03-11T11:00"));
        assertThat(due("2026-03-10T22:45", Sla.workingHours(2))).isEqualTo(london("2026-03-11T11:00"));
    }

    @Test
    void hoursSubmittedAtTheWeekendStartOnMonday() {
        assertThat(due("2026-03-14T12:00", Sla.workingHours(1))).isEqualTo(london("2026-03-16T10:00"));
    }

    @Test
    void hoursSkipTheEasterBankHolidays() {
        // Thursday 2 April 2026 16:00; Good Friday 3rd and Easter Monday 6th are holidays
        assertThat(due("2026-04-02T16:00", Sla.workingHours(2))).isEqualTo(london("2026-04-07T10:00"));
    }

    @Test
    void hoursAcrossTheSpringClockChangeCountWallClockHours() {
        // Friday 27 March 2026 16:00 GMT (16:00Z); clocks go forward on Sunday 29 March.
        // 1 h on Friday, 3 h on Monday: Monday 12:00 BST, which is 11:00 UTC.
        Instant due = due("2026-03-27T16:00", Sla.workingHours(4));
        assertThat(due).isEqualTo(Instant.parse("2026-03-30T11:00:00Z"));
    }

    @Test
    void hoursAcrossTheAutumnClockChange() {
        // Friday 23 October 2026 16:30 BST (15:30Z); clocks go back on Sunday 25 October.
        // 0.5 h Friday, 1.5 h Monday: Monday 10:30 GMT = 10:30Z.
        assertThat(due("2026-10-23T16:30", Sla.workingHours(2))).isEqualTo(Instant.parse("2026-10-26T10:30:00Z"));
    }

    @Test
    void manyHoursRunOverSeveralDays() {
        // 20 h from Monday 9 March 09:00: 8 Mon, 8 Tue, 4 Wed
        assertThat(due("2026-03-09T09:00", Sla.workingHours(20))).isEqualTo(london("2026-03-11T13:00"));
    }

    // ---- working days ----

    @Test
    void daysAreDueAtCloseOfTheNthWorkingDayAfterReceipt() {
        // received Tuesday 10 March at 10:00: day 0 is Tuesday; 1 working day = Wednesday close
        assertThat(due("2026-03-10T10:00", Sla.workingDays(1))).isEqualTo(london("2026-03-11T17:00"));
        assertThat(due("2026-03-10T10:00", Sla.workingDays(5))).isEqualTo(london("2026-03-17T17:00"));
    }

    @Test
    void daysSubmittedBeforeOpeningCountThatDayAsReceipt() {
        assertThat(due("2026-03-10T07:00", Sla.workingDays(1))).isEqualTo(london("2026-03-11T17:00"));
    }

    @Test
    void daysSubmittedAfterClosingAreReceivedNextWorkingDay() {
        assertThat(due("2026-03-10T18:00", Sla.workingDays(1))).isEqualTo(london("2026-03-12T17:00"));
    }

    @Test
    void daysSubmittedAtTheWeekendAreReceivedOnMonday() {
        // Saturday 14 March: received Monday 16, due Tuesday 17 close
        assertThat(due("2026-03-14T11:00", Sla.workingDays(1))).isEqualTo(london("2026-03-17T17:00"));
        // Friday afternoon, in hours: day 0 Friday, day 1 Monday
        assertThat(due("2026-03-13T16:59", Sla.workingDays(1))).isEqualTo(london("2026-03-16T17:00"));
    }

    @Test
    void daysSkipBankHolidays() {
        // Wednesday 1 April 2026: Thu 2 is day 1, Fri 3 and Mon 6 are holidays, Tue 7 is day 2
        assertThat(due("2026-04-01T12:00", Sla.workingDays(2))).isEqualTo(london("2026-04-07T17:00"));
        // submitted on Good Friday: received Tuesday 7 April
        assertThat(due("2026-04-03T12:00", Sla.workingDays(1))).isEqualTo(london("2026-04-08T17:00"));
    }

    @Test
    void daysSkipChristmasAndNewYear() {
        // Thursday 24 December 2026: Christmas Day, the weekend, Boxing Day substitute and New Year's Day are off
        // day 1 Tue 29, day 2 Wed 30, day 3 Thu 31, day 4 Mon 4 January 2027
        assertThat(due("2026-12-24T10:00", Sla.workingDays(4))).isEqualTo(london("2027-01-04T17:00"));
    }

    @Test
    void daysAcrossTheAutumnClockChangeCloseAtLocalFivePm() {
        // Friday 23 October 2026 10:00 BST; due Monday 26 October 17:00 GMT = 17:00Z (not 16:00Z)
        assertThat(due("2026-10-23T10:00", Sla.workingDays(1))).isEqualTo(Instant.parse("2026-10-26T17:00:00Z"));
    }

    @Test
    void daysAcrossTheSpringClockChangeCloseAtLocalFivePm() {
        // Friday 27 March 2026 10:00 GMT; due Monday 30 March 17:00 BST = 16:00Z
        assertThat(due("2026-03-27T10:00", Sla.workingDays(1))).isEqualTo(Instant.parse("2026-03-30T16:00:00Z"));
    }

    @Test
    void anotherWorkingWeekAndDayAreHonoured() {
        WorkingTime sixDays = new WorkingTime(LONDON, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY),
                LocalTime.of(8, 0), LocalTime.of(12, 0), day -> false);
        // Friday 13 March 11:00 + 3 h = 1 h Friday, 2 h Saturday from 08:00
        assertThat(sixDays.due(london("2026-03-13T11:00"), Sla.workingHours(3))).isEqualTo(london("2026-03-14T10:00"));
    }

    @Test
    void aWorkingDayMustStartBeforeItEnds() {
        assertThatThrownBy(() -> new WorkingTime(LONDON, EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(17, 0), LocalTime.of(9, 0), d -> false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sla.workingDays(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private Instant due(String londonTime, Sla sla) {
        return calendar.due(london(londonTime), sla);
    }

    private static Instant london(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(LONDON).toInstant();
    }
}

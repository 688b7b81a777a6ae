package org.civitas.catalogue.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;

import org.civitas.catalogue.Sla;

/**
 * The arithmetic of working time, free of any database: working days and hours are counted on the
 * wall clock of the body's zone, so a clock change overnight does not move a working day's hours.
 */
final class WorkingTime {

    private final ZoneId zone;
    private final Set<DayOfWeek> days;
    private final LocalTime start;
    private final LocalTime end;
    private final Predicate<LocalDate> holiday;

    WorkingTime(ZoneId zone, Set<DayOfWeek> days, LocalTime start, LocalTime end, Predicate<LocalDate> holiday) {
        if (days.isEmpty()) {
            throw new IllegalArgumentException("the working week needs at least one working day");
        }
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("the working day must start before it ends");
        }
        this.zone = zone;
        this.days = EnumSet.copyOf(days);
        this.start = start;
        this.end = end;
        this.holiday = holiday;
    }

    Instant due(Instant submittedAt, Sla sla) {
        LocalDateTime received = LocalDateTime.ofInstant(submittedAt, zone);
        LocalDateTime due = switch (sla.unit()) {
            case WORKING_HOURS -> addHours(received, sla.amount());
            case WORKING_DAYS -> addDays(received, sla.amount());
        };
        return due.atZone(zone).toInstant();
    }

    boolean workingDay(LocalDate day) {
        return days.contains(day.getDayOfWeek()) && !holiday.test(day);
    }

    private LocalDateTime addHours(LocalDateTime received, int hours) {
        LocalDateTime now = nextWorkingMoment(received);
        Duration left = Duration.ofHours(hours);
        while (true) {
            Duration restOfDay = Duration.between(now.toLocalTime(), end);
            if (left.compareTo(restOfDay) <= 0) {
                return now.plus(left);
            }
            left = left.minus(restOfDay);
            now = nextWorkingDay(now.toLocalDate()).atTime(start);
        }
    }

    private LocalDateTime addDays(LocalDateTime received, int count) {
        LocalDate day = nextWorkingMoment(received).toLocalDate(); // day 0
        for (int i = 0; i < count; i++) {
            day = nextWorkingDay(day);
        }
        return day.atTime(end);
    }

    /** The submission itself when it falls in working hours, else the start of the next working period. */
    private LocalDateTime nextWorkingMoment(LocalDateTime moment) {
        LocalDate day = moment.toLocalDate();
        if (workingDay(day)) {
            if (moment.toLocalTime().isBefore(start)) {
                return day.atTime(start);
            }
            if (moment.toLocalTime().isBefore(end)) {
                return moment;
            }
        }
        return nextWorkingDay(day).atTime(start);
    }

    private LocalDate nextWorkingDay(LocalDate day) {
        LocalDate next = day.plusDays(1);
        for (int guard = 0; !workingDay(next); guard++) {
            if (guard > 366) {
                throw new IllegalStateException("no working day within a year");
            }
            next = next.plusDays(1);
        }
        return next;
    }
}

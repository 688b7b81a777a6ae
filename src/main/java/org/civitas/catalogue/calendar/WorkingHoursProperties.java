package org.civitas.catalogue.calendar;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The body's working week (environment variables CIVITAS_WORKING_DAYS, CIVITAS_WORKING_DAY_START,
 * CIVITAS_WORKING_DAY_END; see README.md). Bank holidays are data, in {@code catalogue.bank_holiday}.
 */
@ConfigurationProperties(prefix = "civitas.working-hours")
record WorkingHoursProperties(List<DayOfWeek> days, LocalTime start, LocalTime end) {

    WorkingHoursProperties {
        days = days == null || days.isEmpty()
                ? List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)
                : List.copyOf(days);
        start = start == null ? LocalTime.of(9, 0) : start;
        end = end == null ? LocalTime.of(17, 0) : end;
    }
}

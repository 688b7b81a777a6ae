package org.civitas.catalogue.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import org.civitas.catalogue.Sla;
import org.civitas.catalogue.WorkingCalendar;
import org.civitas.platform.CivitasProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The working calendar with the bank holidays read from the database on each call (a few rows), so
 * a holiday added on one node counts on every node at once.
 */
@Component
@EnableConfigurationProperties(WorkingHoursProperties.class)
class JdbcWorkingCalendar implements WorkingCalendar {

    private final JdbcClient jdbc;
    private final CivitasProperties civitas;
    private final WorkingHoursProperties hours;

    JdbcWorkingCalendar(JdbcClient jdbc, CivitasProperties civitas, WorkingHoursProperties hours) {
        this.jdbc = jdbc;
        this.civitas = civitas;
        this.hours = hours;
        new WorkingTime(civitas.timeZone(), EnumSet.copyOf(hours.days()), hours.start(), hours.end(), day -> false); // fail fast on bad settings
    }

    @Override
    @Transactional(readOnly = true)
    public Instant due(Instant submittedAt, Sla sla) {
        LocalDate from = LocalDate.ofInstant(submittedAt, civitas.timeZone()).minusDays(1);
        Set<LocalDate> holidays = new HashSet<>(jdbc.sql("select day from catalogue.bank_holiday where day >= ?")
                .param(from).query(LocalDate.class).list());
        return new WorkingTime(civitas.timeZone(), EnumSet.copyOf(hours.days()), hours.start(), hours.end(), holidays::contains)
                .due(submittedAt, sla);
    }
}

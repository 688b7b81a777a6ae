package org.civitas.catalogue.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

import org.civitas.catalogue.Sla;
import org.civitas.catalogue.WorkingCalendar;
import org.civitas.platform.CivitasProperties;
import org.civitas.platform.ExpiringCache;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The working calendar with the bank holidays read from the database. Every request asks for its
 * due time, so the holidays are kept for {@link #HOLIDAYS_TTL}: a holiday added in the database counts
 * on every node within that time.
 */
@Component
@EnableConfigurationProperties(WorkingHoursProperties.class)
class JdbcWorkingCalendar implements WorkingCalendar {

    static final Duration HOLIDAYS_TTL = Duration.ofSeconds(60);

    /** The holidays from {@code from} on, as read at one time. */
    private record Holidays(LocalDate from, Set<LocalDate> days) {
    }

    private final JdbcClient jdbc;
    private final CivitasProperties civitas;
    private final WorkingHoursProperties hours;
    private final ExpiringCache<Boolean, Holidays> holidays = new ExpiringCache<>(HOLIDAYS_TTL, 1);

    JdbcWorkingCalendar(JdbcClient jdbc, CivitasProperties civitas, WorkingHoursProperties hours) {
        this.jdbc = jdbc;
        this.civitas = civitas;
        this.hours = hours;
        new WorkingTime(civitas.timeZone(), EnumSet.copyOf(hours.days()), hours.start(), hours.end(), day -> false); // fail fast on bad settings
    }

    @Override
    public Instant due(Instant submittedAt, Sla sla) {
        LocalDate from = LocalDate.ofInstant(submittedAt, civitas.timeZone()).minusDays(1);
        Holidays known = holidays.get(Boolean.TRUE, any -> read(from));
        Set<LocalDate> days = known.from().isAfter(from) ? read(from).days() : known.days(); // a time in the past: read afresh
        return new WorkingTime(civitas.timeZone(), EnumSet.copyOf(hours.days()), hours.start(), hours.end(), days::contains)
                .due(submittedAt, sla);
    }

    /** This node forgets the holidays it read once the changing transaction ends; other nodes within {@link #HOLIDAYS_TTL}. */
    void holidaysChanged() {
        holidays.invalidateAfterCommit();
    }

    private Holidays read(LocalDate from) {
        return new Holidays(from, Set.copyOf(jdbc.sql("select day from catalogue.bank_holiday where day >= ?")
                .param(from).query(LocalDate.class).list()));
    }
}

package org.civitas.catalogue.calendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.civitas.catalogue.BankHolidayAdded;
import org.civitas.catalogue.BankHolidayRemoved;
import org.civitas.catalogue.BankHolidays;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.Violation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcBankHolidays implements BankHolidays {

    static final int NAME_MAX = 200;

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final JdbcWorkingCalendar calendar;

    JdbcBankHolidays(JdbcClient jdbc, ApplicationEventPublisher events, JdbcWorkingCalendar calendar) {
        this.jdbc = jdbc;
        this.events = events;
        this.calendar = calendar;
    }

    @Override
    @Transactional(readOnly = true)
    public List<BankHoliday> inYear(int year) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new InvalidInput(List.of(new Violation("year", "catalogue.bankHoliday.year.range")));
        }
        return jdbc.sql("select day, name from catalogue.bank_holiday where day >= ? and day < ? order by day")
                .params(LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1)).query(BankHoliday.class).list();
    }

    @Override
    @Transactional
    public BankHoliday add(LocalDate day, String name) {
        List<Violation> violations = new ArrayList<>();
        if (day == null) {
            violations.add(new Violation("date", "catalogue.bankHoliday.date.required"));
        } else if (day.getYear() < FIRST_YEAR || day.getYear() > LAST_YEAR) {
            violations.add(new Violation("date", "catalogue.bankHoliday.date.range"));
        }
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            violations.add(new Violation("name", "catalogue.bankHoliday.name.required"));
        } else if (trimmed.codePointCount(0, trimmed.length()) > NAME_MAX || trimmed.chars().anyMatch(Character::isISOControl)) {
            violations.add(new Violation("name", "catalogue.bankHoliday.name.format"));
        }
        if (violations.isEmpty()
                && jdbc.sql("insert into catalogue.bank_holiday (day, name) values (?, ?) on conflict (day) do nothing")
                        .params(day, trimmed).update() == 0) {
            violations.add(new Violation("date", "catalogue.bankHoliday.date.taken"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        calendar.holidaysChanged();
        events.publishEvent(new BankHolidayAdded(day, trimmed));
        return new BankHoliday(day, trimmed);
    }

    @Override
    @Transactional
    public void remove(LocalDate day) {
        if (day == null || jdbc.sql("delete from catalogue.bank_holiday where day = ?").param(day).update() == 0) {
            throw new NoSuchHoliday();
        }
        calendar.holidaysChanged();
        events.publishEvent(new BankHolidayRemoved(day));
    }
}

package org.civitas.catalogue;

import java.time.LocalDate;
import java.util.List;

/**
 * The days the body does not work although they fall on a working weekday; {@link WorkingCalendar}
 * leaves them out of every SLA. England and Wales' regular holidays are seeded up to 2035 (migration
 * {@code V15_1}); administrators add one-off ones and remove any the body does not keep. Every rule
 * lives here; the administrators' page and {@code /api/v1/admin/bank-holidays} only map their fields.
 */
public interface BankHolidays {

    /** The earliest and latest year a holiday may be in or be listed for. */
    int FIRST_YEAR = 2000;
    int LAST_YEAR = 2100;

    record BankHoliday(LocalDate day, String name) {
    }

    /** The holidays of one year, in date order. A year outside {@link #FIRST_YEAR}..{@link #LAST_YEAR} is an InvalidInput on {@code year}. */
    List<BankHoliday> inYear(int year);

    /** Adds a holiday; publishes {@link BankHolidayAdded}. Violations name {@code date} or {@code name}. */
    BankHoliday add(LocalDate day, String name);

    /** Removes the holiday on this day; publishes {@link BankHolidayRemoved}. */
    void remove(LocalDate day);

    /** No bank holiday falls on the day asked for. */
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NOT_FOUND)
    final class NoSuchHoliday extends RuntimeException {
        public NoSuchHoliday() {
            super("no bank holiday on that day");
        }
    }
}

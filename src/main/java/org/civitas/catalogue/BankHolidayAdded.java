package org.civitas.catalogue;

import java.time.LocalDate;

/** Published when an administrator adds a bank holiday. */
public record BankHolidayAdded(LocalDate day, String name) {
}

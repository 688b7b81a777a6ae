package org.civitas.catalogue;

import java.time.LocalDate;

/** Published when an administrator removes a bank holiday. */
public record BankHolidayRemoved(LocalDate day) {
}

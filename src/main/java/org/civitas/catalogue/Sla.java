package org.civitas.catalogue;

import java.util.Arrays;
import java.util.Optional;

/**
 * The time within which the body aims to complete a request for a service, counted in the body's
 * working time (see {@link WorkingCalendar}).
 */
public record Sla(int amount, Unit unit) {

    public Sla {
        if (amount <= 0) {
            throw new IllegalArgumentException("an SLA is a positive amount of working time");
        }
        if (unit == null) {
            throw new IllegalArgumentException("an SLA needs a unit");
        }
    }

    public static Sla workingDays(int days) {
        return new Sla(days, Unit.WORKING_DAYS);
    }

    public static Sla workingHours(int hours) {
        return new Sla(hours, Unit.WORKING_HOURS);
    }

    public enum Unit {
        WORKING_DAYS("working_days"),
        WORKING_HOURS("working_hours");

        private final String code;

        Unit(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Optional<Unit> fromCode(String code) {
            return Arrays.stream(values()).filter(unit -> unit.code.equals(code)).findFirst();
        }
    }
}

package org.civitas.catalogue;

import java.time.Instant;

/**
 * The body's working time: its working days and hours in its time zone, less bank holidays.
 */
public interface WorkingCalendar {

    /**
     * When a request submitted at {@code submittedAt} is expected to be completed.
     * <ul>
     * <li>Working hours: counted from the submission, or from the start of the next working period
     * when it came in outside one; the due time is within working hours.</li>
     * <li>Working days: the request is received on the day it came in, or on the next working day when
     * it came in outside working hours; that day is day 0, and it is due at the close of day {@code n}.</li>
     * </ul>
     */
    Instant due(Instant submittedAt, Sla sla);
}

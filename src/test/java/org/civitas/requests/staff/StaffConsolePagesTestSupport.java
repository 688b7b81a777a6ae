package org.civitas.requests.staff;

/** Lets tests in other packages (the browser tests) make a request through Open311 as the staff console tests do. */
public final class StaffConsolePagesTestSupport {

    private StaffConsolePagesTestSupport() {
    }

    public static String submit(int port, String service) {
        return StaffConsolePagesTest.submit(port, service);
    }
}

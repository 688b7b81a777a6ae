package org.civitas.requests.cases;

/**
 * How to reach the person who made a request. Personal data: it is only ever stored sealed in the
 * trust module's vault, and never logged, published in an event or returned by Open311.
 */
public record Contact(String firstName, String lastName, String email, String phone) {

    public boolean empty() {
        return firstName == null && lastName == null && email == null && phone == null;
    }

    @Override
    public String toString() {
        return "Contact[personal data]"; // never print the values, whatever calls toString
    }
}

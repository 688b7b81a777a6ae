package org.civitas.requests.cases;

/**
 * How to reach the person who made a request. Personal data: it is only ever stored sealed in the
 * trust module's vault, and never logged, published in an event or returned by Open311.
 */
public record Contact(String firstName, String lastName, String email, String phone) {

    /**
     * Contact details from a form that asks for the name as the person writes it: Open311 keeps a first
     * and a last name, so the last word is the last name. Empty values count as not given.
     */
    public static Contact ofFullName(String name, String email, String phone) {
        String full = name == null ? "" : name.strip();
        int space = full.lastIndexOf(' ');
        String first = full.isEmpty() ? null : space > 0 ? full.substring(0, space).strip() : full;
        String last = space > 0 ? full.substring(space + 1) : null;
        return new Contact(first, last, blankToNull(email), blankToNull(phone));
    }

    /** The name as one line, as {@link #ofFullName} was given it. */
    public String fullName() {
        return ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public boolean empty() {
        return firstName == null && lastName == null && email == null && phone == null;
    }

    /**
     * The JSON that is sealed: what Jackson writes for this record (the same names, nulls included),
     * written by hand because a Jackson call cost a POST with contact details more than sealing it
     * did. Read back with Jackson.
     */
    public String json() {
        StringBuilder out = new StringBuilder(160).append('{');
        field(out, "firstName", firstName).append(',');
        field(out, "lastName", lastName).append(',');
        field(out, "email", email).append(',');
        field(out, "phone", phone);
        return out.append('}').toString();
    }

    private static final String HEX = "0123456789ABCDEF";

    private static StringBuilder field(StringBuilder out, String name, String value) {
        out.append('"').append(name).append("\":");
        if (value == null) {
            return out.append("null");
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                int shortEscape = "\b\t\n\f\r".indexOf(c);
                if (shortEscape >= 0) {
                    out.append('\\').append("btnfr".charAt(shortEscape));
                    continue;
                }
                out.append("\\u00").append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
            } else {
                out.append(c);
            }
        }
        return out.append('"');
    }

    @Override
    public String toString() {
        return "Contact[personal data]"; // never print the values, whatever calls toString
    }
}

package org.civitas.requests.cases;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Public references such as {@code RBC-7K3M-9Q2P}: the body's initials, then eight characters from
 * an alphabet without the look-alikes 0/O, 1/I/L and U, so a reference read out over the phone or
 * copied by hand comes back right. 30^8 (about 6.6 × 10^11) references per body; a clash with an
 * existing one is retried by the caller.
 */
public final class References {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    private final SecureRandom random = new SecureRandom();
    private final String prefix;

    References(String bodyName) {
        this.prefix = prefix(bodyName);
    }

    String next() {
        StringBuilder reference = new StringBuilder(prefix.length() + 10).append(prefix).append('-');
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                reference.append('-');
            }
            reference.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return reference.toString();
    }

    /** The initials of the body's name ("Riverside Borough Council" gives RBC); REQ when it has none. */
    static String prefix(String bodyName) {
        StringBuilder initials = new StringBuilder();
        if (bodyName != null) {
            for (String word : bodyName.trim().split("[^\\p{L}]+")) {
                if (!word.isEmpty() && Character.isUpperCase(word.codePointAt(0))) {
                    String letter = word.substring(0, 1).toUpperCase(Locale.ROOT);
                    if (letter.matches("[A-Z]")) {
                        initials.append(letter);
                    }
                }
            }
        }
        String prefix = initials.length() > 6 ? initials.substring(0, 6) : initials.toString();
        return prefix.isEmpty() ? "REQ" : prefix;
    }

    /** Upper-cases a reference as typed and checks its shape; empty when it cannot be one. */
    public static java.util.Optional<String> normalise(String typed) {
        if (typed == null) {
            return java.util.Optional.empty();
        }
        String reference = typed.trim().toUpperCase(Locale.ROOT);
        return reference.matches("[A-Z]{1,6}-[" + ALPHABET + "]{4}-[" + ALPHABET + "]{4}")
                ? java.util.Optional.of(reference) : java.util.Optional.empty();
    }
}

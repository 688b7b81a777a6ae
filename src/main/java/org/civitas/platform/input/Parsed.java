package org.civitas.platform.input;

import java.util.Objects;
import java.util.Optional;

import org.civitas.platform.Violation;

/**
 * What a parser made of a piece of text: a value, or the {@link Rule} the text broke. Never both,
 * never neither.
 */
public final class Parsed<T> {

    private final T value;
    private final Rule refused;

    private Parsed(T value, Rule refused) {
        this.value = value;
        this.refused = refused;
    }

    public static <T> Parsed<T> value(T value) {
        return new Parsed<>(Objects.requireNonNull(value), null);
    }

    /**
     * The first checks every parser makes, before reading a character: given, not absurdly long as
     * sent, not blank, and at most {@code maxLength} once stripped. The stripped text, or the rule broken.
     */
    static Parsed<String> trimmed(String text, int maxLength) {
        if (text == null) {
            return refused(Rule.REQUIRED);
        }
        if (text.length() > WholeNumbers.MAX_RAW_LENGTH) {
            return refused(Rule.TOO_LONG);
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return refused(Rule.REQUIRED);
        }
        return trimmed.length() > maxLength ? refused(Rule.TOO_LONG) : value(trimmed);
    }

    public static <T> Parsed<T> refused(Rule rule) {
        return new Parsed<>(null, Objects.requireNonNull(rule));
    }

    public boolean ok() {
        return refused == null;
    }

    /** The value; throws when the text was refused (check {@link #ok()} first). */
    public T get() {
        if (refused != null) {
            throw new IllegalStateException("refused: " + refused);
        }
        return value;
    }

    public T orElse(T otherwise) {
        return refused == null ? value : otherwise;
    }

    public Optional<T> toOptional() {
        return Optional.ofNullable(value);
    }

    /** The rule broken, empty when the text was accepted. */
    public Optional<Rule> refusal() {
        return Optional.ofNullable(refused);
    }

    /** The rule broken as a violation of {@code field}, in the platform's words for it. */
    public Violation violation(String field) {
        return new Violation(field, refusal().orElseThrow().messageKey());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Parsed<?> that && Objects.equals(value, that.value) && refused == that.refused;
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, refused);
    }

    @Override
    public String toString() {
        return refused == null ? "Parsed[" + value + "]" : "Refused[" + refused + "]";
    }
}

package org.civitas.catalogue;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.civitas.platform.Violation;

/**
 * Checks a request's answers against the questions of the service version it is made under. Each
 * broken rule names the field as Open311 does ({@code attribute[code]}) and a message key of the
 * catalogue bundle. Answers arrive as question code to the values sent: one value for most
 * datatypes, one or more for a multivaluelist.
 */
public final class Answers {

    /** Longest answer to a string question. */
    public static final int MAX_STRING = 1000;
    /** Longest answer to a text question. */
    public static final int MAX_TEXT = 4000;

    private Answers() {
    }

    /** The rules the answers break, in question order, unknown codes last; empty when they are all right. */
    public static List<Violation> validate(List<Question> questions, Map<String, List<String>> answers) {
        Map<String, List<String>> given = answers == null ? Map.of() : answers;
        List<Violation> violations = new ArrayList<>();
        Set<String> asked = new HashSet<>();
        for (Question question : questions.stream().sorted(java.util.Comparator.comparingInt(Question::order)).toList()) {
            if (!question.variable()) {
                continue; // information only: takes no answer
            }
            asked.add(question.code());
            List<String> values = given.getOrDefault(question.code(), List.of()).stream()
                    .filter(value -> value != null && !value.isBlank()).toList();
            String field = field(question.code());
            if (values.isEmpty()) {
                if (question.required()) {
                    violations.add(new Violation(field, question.datatype().list()
                            ? "catalogue.answer.choice.required" : "catalogue.answer.required"));
                }
                continue;
            }
            String rule = rule(question, values);
            if (rule != null) {
                violations.add(new Violation(field, rule));
            }
        }
        given.keySet().stream().filter(code -> !asked.contains(code)).sorted()
                .forEach(code -> violations.add(new Violation(field(code), "catalogue.answer.unknown")));
        return violations;
    }

    /** The field name Open311 uses for an answer. */
    public static String field(String code) {
        return "attribute[" + code + "]";
    }

    private static String rule(Question question, List<String> values) {
        if (question.datatype() != Datatype.MULTIVALUELIST && values.size() > 1) {
            return "catalogue.answer.one";
        }
        String value = values.get(0);
        return switch (question.datatype()) {
            case STRING -> value.contains("\n") || value.contains("\r") ? "catalogue.answer.string.lines"
                    : value.length() > MAX_STRING ? "catalogue.answer.string.length" : null;
            case TEXT -> value.length() > MAX_TEXT ? "catalogue.answer.text.length" : null;
            case NUMBER -> number(value) ? null : "catalogue.answer.number";
            case DATETIME -> datetime(value) ? null : "catalogue.answer.datetime";
            case SINGLEVALUELIST -> question.hasValue(value) ? null : "catalogue.answer.choice";
            case MULTIVALUELIST -> values.stream().allMatch(question::hasValue)
                    ? (new HashSet<>(values).size() == values.size() ? null : "catalogue.answer.choices.repeated")
                    : "catalogue.answer.choices";
        };
    }

    private static boolean number(String value) {
        String trimmed = value.trim();
        if (trimmed.length() > 40) {
            return false;
        }
        try {
            new BigDecimal(trimmed);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean datetime(String value) {
        try {
            OffsetDateTime.parse(value.trim());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}

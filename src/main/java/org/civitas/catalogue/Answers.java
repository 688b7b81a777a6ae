package org.civitas.catalogue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.civitas.platform.Violation;
import org.civitas.platform.input.DateTimes;
import org.civitas.platform.input.Decimals;
import org.civitas.platform.input.Rule;

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
    /** Answers to number questions run from minus to plus a thousand million million... */
    public static final BigDecimal MAX_NUMBER = new BigDecimal("1000000000000000");
    public static final BigDecimal MIN_NUMBER = MAX_NUMBER.negate();
    /** ...with at most this many decimal places: no form asks for more, and 1e-40000000 is not a depth. */
    public static final int MAX_DECIMAL_PLACES = 10;

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

    /** Lengths are counted in characters as people see them (code points), on every channel: an emoji is one. */
    private static int codePoints(String value) {
        return value.codePointCount(0, value.length());
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
                    : codePoints(value) > MAX_STRING ? "catalogue.answer.string.length" : null;
            case TEXT -> codePoints(value) > MAX_TEXT ? "catalogue.answer.text.length" : null;
            case NUMBER -> number(value);
            case DATETIME -> datetime(value);
            case SINGLEVALUELIST -> question.hasValue(value) ? null : "catalogue.answer.choice";
            case MULTIVALUELIST -> values.stream().allMatch(question::hasValue)
                    ? (new HashSet<>(values).size() == values.size() ? null : "catalogue.answer.choices.repeated")
                    : "catalogue.answer.choices";
        };
    }

    /** Null when the answer is a number this question takes, else the rule it broke. */
    private static String number(String value) {
        return Decimals.parse(value, MIN_NUMBER, MAX_NUMBER, MAX_DECIMAL_PLACES).refusal().map(rule -> switch (rule) {
            case BELOW_MINIMUM, ABOVE_MAXIMUM, TOO_MANY_DECIMAL_PLACES -> "catalogue.answer.number.range";
            default -> "catalogue.answer.number";
        }).orElse(null);
    }

    private static String datetime(String value) {
        return DateTimes.parse(value).refusal()
                .map(rule -> rule == Rule.YEAR_OUT_OF_RANGE ? "catalogue.answer.datetime.year" : "catalogue.answer.datetime").orElse(null);
    }
}

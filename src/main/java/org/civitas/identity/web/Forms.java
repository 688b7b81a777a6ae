package org.civitas.identity.web;

import java.util.List;
import java.util.Locale;

import org.civitas.platform.Violation;
import org.civitas.platform.web.FieldProblem;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

/** Turns rule violations into the messages a form shows beside each field. */
final class Forms {

    private Forms() {
    }

    static List<FieldProblem> problems(MessageSource messages, List<Violation> violations) {
        Locale locale = LocaleContextHolder.getLocale();
        return violations.stream()
                .map(v -> new FieldProblem(v.field(), messages.getMessage(v.messageKey(), null, locale)))
                .toList();
    }

    static FieldProblem problemFor(List<FieldProblem> problems, String field) {
        return problems.stream().filter(p -> p.field().equals(field)).findFirst().orElse(null);
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}

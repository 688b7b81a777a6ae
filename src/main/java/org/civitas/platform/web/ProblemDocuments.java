package org.civitas.platform.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Builds RFC 9457 problem documents ({@code application/problem+json}) for the native API: type,
 * title, status, detail and instance, plus an {@code errors} array for rejected input. Titles and
 * details come from the message bundles ({@code problem.<status>.title}/{@code .detail}); nothing
 * comes from an exception.
 */
@Component
public class ProblemDocuments {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private static final String TYPE = "about:blank";

    private final MessageSource messages;

    ProblemDocuments(MessageSource messages) {
        this.messages = messages;
    }

    public Map<String, Object> problem(int status, String instance, Locale locale) {
        return problem(status, instance, locale, List.of());
    }

    public Map<String, Object> problem(int status, String instance, Locale locale, List<InputError> errors) {
        int known = knownStatus(status);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", TYPE);
        document.put("title", messages.getMessage("problem." + known + ".title", null, locale));
        document.put("status", status);
        document.put("detail", messages.getMessage("problem." + known + ".detail", null, locale));
        if (instance != null) {
            document.put("instance", instance);
        }
        if (errors != null && !errors.isEmpty()) {
            document.put("errors", errors);
        }
        return document;
    }

    /**
     * A message explaining one rejected input, naming the field: {@code problem.rule.<rule>} with
     * {@code {0}} the field and {@code {1}}, {@code {2}}… the rule's attributes (for a bean
     * validation constraint, in alphabetical order of their names: {@code Size} gives max, min).
     */
    public String ruleMessage(String field, String rule, Locale locale, Object... attributes) {
        Object[] args = new Object[attributes.length + 1];
        args[0] = field;
        System.arraycopy(attributes, 0, args, 1, attributes.length);
        String message = rule == null ? null : messages.getMessage("problem.rule." + rule, args, null, locale);
        return message != null ? message : messages.getMessage("problem.rule.invalid", args, locale);
    }

    private int knownStatus(int status) {
        return switch (status) {
            case 400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 429, 500, 503 -> status;
            default -> status >= 500 ? 500 : 400;
        };
    }
}

package org.civitas.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What went wrong with a request, as far as the person or program that sent it needs to know:
 * never the exception, only the HTTP status, the path it came in on and, for bad input, which
 * field broke which rule.
 *
 * @param status the HTTP status sent back
 * @param path   the path the request came in on (not {@code /error}), without the query
 * @param field  the input that was rejected, or {@code null}
 * @param rule   the rule the input broke (for example {@code characters}), or {@code null}
 */
public record ErrorDetails(int status, String path, String field, String rule) {

    /** Request attribute naming the rejected field, read when the error is rendered. */
    public static final String FIELD_ATTRIBUTE = ErrorDetails.class.getName() + ".field";
    /** Request attribute naming the rule the rejected field broke. */
    public static final String RULE_ATTRIBUTE = ErrorDetails.class.getName() + ".rule";

    private static final int MAX_FIELD_LENGTH = 64;

    /** Reads the details Tomcat and the filters left on a request forwarded to {@code /error}. */
    public static ErrorDetails of(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 404;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri instanceof String s ? s : request.getRequestURI();
        String contextPath = request.getContextPath();
        if (!contextPath.isEmpty() && path.startsWith(contextPath)) {
            path = path.substring(contextPath.length());
        }
        Object field = request.getAttribute(FIELD_ATTRIBUTE);
        Object rule = request.getAttribute(RULE_ATTRIBUTE);
        return new ErrorDetails(status, path,
                field instanceof String f ? printable(f) : null,
                rule instanceof String r ? r : null);
    }

    /**
     * Marks a request as rejected because of one field, so that the error page or problem
     * document names it. Call it before {@code response.sendError(400)}.
     */
    public static void rejectField(HttpServletRequest request, String field, String rule) {
        request.setAttribute(FIELD_ATTRIBUTE, field);
        request.setAttribute(RULE_ATTRIBUTE, rule);
    }

    public boolean hasField() {
        return field != null;
    }

    /** The field name as it may be shown back: no control characters, not too long. */
    static String printable(String name) {
        StringBuilder result = new StringBuilder(Math.min(name.length(), MAX_FIELD_LENGTH));
        name.codePoints().limit(MAX_FIELD_LENGTH).forEach(c -> {
            boolean unprintable = Character.isISOControl(c) || c == '\uFFFD'
                    || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.SURROGATE;
            result.appendCodePoint(unprintable ? '?' : c);
        });
        return result.toString();
    }
}

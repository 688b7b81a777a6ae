package org.civitas.platform.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.support.RequestContextUtils;

import tools.jackson.databind.json.JsonMapper;

/**
 * Errors on the native API ({@code /api/}), and for any client that accepts only JSON, as RFC 9457
 * problem documents.
 */
@Component
@Order(ProblemErrorRendering.ORDER)
class ProblemErrorRendering implements ErrorRendering {

    static final int ORDER = 0;
    static final String API_PREFIX = "/api/";

    private final ProblemDocuments problems;
    private final JsonMapper json;

    ProblemErrorRendering(ProblemDocuments problems, JsonMapper json) {
        this.problems = problems;
        this.json = json;
    }

    @Override
    public boolean handles(ErrorDetails error, HttpServletRequest request) {
        return error.path().startsWith(API_PREFIX) || acceptsOnlyJson(request);
    }

    @Override
    public ModelAndView render(ErrorDetails error, HttpServletRequest request) {
        var locale = RequestContextUtils.getLocale(request);
        List<InputError> errors = error.hasField()
                ? List.of(new InputError(error.field(), error.rule(),
                        problems.ruleMessage(error.field(), error.rule(), locale)))
                : List.of();
        Map<String, Object> document = problems.problem(error.status(), error.path(), locale, errors);
        ModelAndView view = new ModelAndView(new ProblemView(document));
        view.setStatus(HttpStatusCode.valueOf(error.status()));
        return view;
    }

    static boolean acceptsOnlyJson(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            List<MediaType> types = MediaType.parseMediaTypes(accept);
            return !types.isEmpty() && types.stream().allMatch(ProblemErrorRendering::isJson);
        }
        catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static boolean isJson(MediaType type) {
        String subtype = type.getSubtype();
        return "application".equals(type.getType()) && ("json".equals(subtype) || subtype.endsWith("+json"));
    }

    /** Writes the problem document; the model of the surrounding MVC call is not used. */
    private final class ProblemView implements View {

        private final Map<String, Object> document;

        ProblemView(Map<String, Object> document) {
            this.document = document;
        }

        @Override
        public String getContentType() {
            return ProblemDocuments.PROBLEM_JSON.toString();
        }

        @Override
        public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            response.setContentType(getContentType());
            response.setCharacterEncoding("UTF-8");
            json.writeValue(response.getOutputStream(), document);
        }
    }
}

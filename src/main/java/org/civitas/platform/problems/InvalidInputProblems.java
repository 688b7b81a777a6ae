package org.civitas.platform.problems;

import java.util.List;
import java.util.Map;

import org.civitas.platform.InvalidInput;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Input that breaks a rule, in the native API's format: RFC 9457 problem+json with one entry per
 * field, naming the field and the rule in the body's words.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidInputProblems {

    private final MessageSource messages;

    InvalidInputProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(InvalidInput.class)
    ResponseEntity<ProblemDetail> invalid(InvalidInput invalid) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.UNPROCESSABLE_ENTITY);
        problem.setTitle(messages.getMessage("problem.invalid.title", null, "Invalid input", LocaleContextHolder.getLocale()));
        List<Map<String, String>> errors = invalid.violations().stream()
                .map(v -> Map.of("field", v.field(), "message",
                        messages.getMessage(v.messageKey(), null, v.messageKey(), LocaleContextHolder.getLocale())))
                .toList();
        problem.setDetail(errors.get(0).get("message"));
        problem.setProperty("errors", errors);
        return ResponseEntity.unprocessableEntity().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}

package org.civitas.requests.api;

import java.util.List;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A malformed Idempotency-Key: 400, naming the header. */
@RestControllerAdvice(assignableTypes = CasesApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CasesApiProblems {

    private final MessageSource messages;

    CasesApiProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(BadIdempotencyKey.class)
    ResponseEntity<ProblemDetail> badKey(BadIdempotencyKey bad) {
        String message = messages.getMessage("requests.idempotency.key", null, LocaleContextHolder.getLocale());
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setTitle(messages.getMessage("problem.400.title", null, "Bad Request", LocaleContextHolder.getLocale()));
        problem.setDetail(message);
        problem.setProperty("errors", List.of(Map.of("field", Idempotency.HEADER, "message", message)));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}

package org.civitas.requests.open311;

import org.civitas.platform.logging.RedactedFailure;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Answers every failure of an Open311 handler with Open311's error document, in the format of the
 * URL's extension: an {@link Open311Error} as it stands, Spring MVC's own exceptions with their
 * status, anything unexpected as a 500 that says nothing about it (logged here with the method and
 * path, never the form, which may hold contact details). Ordered ahead of the platform's
 * problem+json handler, which would otherwise claim every exception of a REST controller.
 */
@RestControllerAdvice(basePackageClasses = Open311ExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class Open311ExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(Open311ExceptionHandler.class);

    private final MessageSource messages;

    Open311ExceptionHandler(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(Open311Error.class)
    ResponseEntity<byte[]> error(Open311Error error, HttpServletRequest request) {
        return respond(error, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception failure, HttpServletRequest request) throws Exception {
        if (failure instanceof AccessDeniedException || failure instanceof AuthenticationException) {
            throw failure; // Spring Security answers these, and Open311ErrorRendering formats its answer
        }
        int status;
        if (failure instanceof org.springframework.security.web.firewall.RequestRejectedException) {
            // Spring Security's firewall refuses to hand over a parameter (say a name with unassigned
            // characters) when the handler reads the form: bad input, not a failure of Civitas
            status = 400;
        } else if (failure instanceof ErrorResponse response) {
            status = response.getStatusCode().value();
        } else {
            ResponseStatus declared = AnnotatedElementUtils.findMergedAnnotation(failure.getClass(), ResponseStatus.class);
            status = declared != null ? declared.code().value() : 500;
        }
        if (status >= 500) {
            log.error("Unexpected failure answering {} {}", request.getMethod(), request.getRequestURI(), RedactedFailure.of(failure));
        }
        String description = messages.getMessage(Open311ErrorRendering.messageKey(status), null,
                RequestContextUtils.getLocale(request));
        return respond(new Open311Error(status, List.of(new Open311Error.Entry(status, description))), request);
    }

    private static ResponseEntity<byte[]> respond(Open311Error error, HttpServletRequest request) {
        Open311Format as = Open311Format.ofPath(request.getRequestURI());
        return ResponseEntity.status(error.status()).contentType(as.mediaType()).body(as.write(error.document()));
    }
}

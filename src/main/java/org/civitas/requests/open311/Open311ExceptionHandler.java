package org.civitas.requests.open311;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns an {@link Open311Error} thrown by any Open311 handler into Open311's error document, in the
 * format of the URL's extension. Ordered ahead of the platform's problem+json handler, which would
 * otherwise claim every exception of a REST controller.
 */
@RestControllerAdvice(basePackageClasses = Open311ExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class Open311ExceptionHandler {

    @ExceptionHandler(Open311Error.class)
    ResponseEntity<byte[]> error(Open311Error error, HttpServletRequest request) {
        Open311Format as = Open311Format.ofPath(request.getRequestURI());
        return ResponseEntity.status(error.status()).contentType(as.mediaType()).body(as.write(error.document()));
    }
}

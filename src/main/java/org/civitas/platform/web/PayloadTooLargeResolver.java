package org.civitas.platform.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * A chunked body that went over the size limit while a handler's arguments were read surfaces as
 * an unreadable message, which Spring MVC would answer with 400. This answers it with 413 instead,
 * for every kind of handler, before anything else resolves it; {@code /error} renders it.
 */
@Component
class PayloadTooLargeResolver implements HandlerExceptionResolver, Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1; // after Boot's DefaultErrorAttributes, which only records
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception failure) {
        if (!PayloadTooLargeException.causedBy(failure) || response.isCommitted()) {
            return null;
        }
        try {
            response.sendError(HttpStatus.CONTENT_TOO_LARGE.value());
        }
        catch (IOException e) {
            return null;
        }
        return new ModelAndView();
    }
}

package org.civitas.platform.web;

import org.civitas.platform.logging.RedactedFailure;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * The last resort for a page handler's failure that nothing else resolved. Left alone, the failure
 * would reach the servlet container, which logs it with its message, and messages can repeat what
 * a person typed. Here it is logged redacted and answered with a 500, which {@link ErrorPageController}
 * renders as the "problem with the service" page.
 * <p>
 * Security's own exceptions pass through: Spring Security's filters turn them into a sign-in
 * redirect or a 403.
 */
@Component
class UnexpectedPageFailureResolver implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(UnexpectedPageFailureResolver.class);

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception failure) {
        if (failure instanceof AccessDeniedException || failure instanceof AuthenticationException
                || response.isCommitted()) {
            return null;
        }
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), RedactedFailure.of(failure));
        try {
            response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        } catch (java.io.IOException closed) {
            return null;
        }
        return new ModelAndView();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}

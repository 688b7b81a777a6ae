package org.civitas.platform.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.servlet.ModelAndView;

/**
 * How errors look on one surface of Civitas. Each surface (web pages, the native JSON API, later
 * Open311) answers in its own format; the error controller asks each rendering bean in
 * {@link org.springframework.core.annotation.Order} order and uses the first that
 * {@link #handles handles} the failed request. Web pages come last and take anything.
 * <p>
 * To add a surface (for example Open311's error array under {@code /open311/}), declare a bean
 * with a lower order than {@link ProblemErrorRendering#ORDER} that matches on
 * {@link ErrorDetails#path()}.
 */
public interface ErrorRendering {

    /** Whether the failed request came in on this rendering's surface. */
    boolean handles(ErrorDetails error, HttpServletRequest request);

    /**
     * The view for the error. It must not reveal exceptions or stack traces, and its HTTP status
     * must be {@link ErrorDetails#status()}.
     */
    ModelAndView render(ErrorDetails error, HttpServletRequest request);
}

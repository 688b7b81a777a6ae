package org.civitas.platform.web;

import jakarta.servlet.http.HttpServletRequest;

import org.civitas.platform.PageController;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers every request Tomcat forwards to {@code /error} (a {@code sendError} from a filter or
 * Spring MVC, an exception nobody handled, an unknown address) in the format of the surface the
 * request came in on, chosen from the {@link ErrorRendering} beans. Replaces Spring Boot's
 * whitelabel controller; never shows an exception or a stack trace.
 */
@PageController
class ErrorPageController implements ErrorController {

    private final ObjectProvider<ErrorRendering> renderings;

    ErrorPageController(ObjectProvider<ErrorRendering> renderings) {
        this.renderings = renderings;
    }

    @RequestMapping("${server.error.path:/error}")
    ModelAndView error(HttpServletRequest request) {
        ErrorDetails error = ErrorDetails.of(request);
        return renderings.orderedStream()
                .filter(rendering -> rendering.handles(error, request))
                .findFirst()
                .orElseThrow()
                .render(error, request);
    }
}

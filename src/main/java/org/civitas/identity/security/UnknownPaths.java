package org.civitas.identity.security;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.server.PathContainer;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Matches a request for an address nothing in Civitas answers, whatever the method: no controller
 * or actuator endpoint, no static-file location other than Spring Boot's catch-all {@code /**}.
 * Such a request is let through to Spring MVC, which answers 404 "Page not found" in the format of
 * the surface it came in on, for everyone: an anonymous visitor is not sent to sign in for a page
 * that does not exist. The address patterns are read once, on first use (after the handler
 * mappings are ready); only requests no module claimed are matched against them.
 */
final class UnknownPaths implements RequestMatcher {

    private static final String CATCH_ALL = "/**";

    private final ApplicationContext context;
    private volatile List<PathPattern> known;

    UnknownPaths(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        PathContainer container;
        try {
            container = PathContainer.parsePath(path);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        for (PathPattern pattern : known()) {
            if (pattern.matches(container)) {
                return false;
            }
        }
        return true;
    }

    private List<PathPattern> known() {
        List<PathPattern> patterns = known;
        if (patterns == null) {
            patterns = collect();
            known = patterns;
        }
        return patterns;
    }

    private List<PathPattern> collect() {
        List<PathPattern> patterns = new ArrayList<>();
        PathPatternParser parser = PathPatternParser.defaultInstance;
        for (HandlerMapping mapping : context.getBeansOfType(HandlerMapping.class).values()) {
            if (mapping instanceof RequestMappingInfoHandlerMapping methods) {
                for (RequestMappingInfo info : methods.getHandlerMethods().keySet()) {
                    if (info.getPathPatternsCondition() != null) {
                        patterns.addAll(info.getPathPatternsCondition().getPatterns());
                    } else if (info.getPatternsCondition() != null) {
                        info.getPatternsCondition().getPatterns().forEach(pattern -> patterns.add(parser.parse(pattern)));
                    }
                }
            } else if (mapping instanceof AbstractUrlHandlerMapping urls) {
                urls.getPathPatternHandlerMap().keySet().stream()
                        .filter(pattern -> !CATCH_ALL.equals(pattern.getPatternString())).forEach(patterns::add);
                urls.getHandlerMap().keySet().stream()
                        .filter(pattern -> !CATCH_ALL.equals(pattern)).forEach(pattern -> patterns.add(parser.parse(pattern)));
            }
        }
        return List.copyOf(patterns);
    }
}

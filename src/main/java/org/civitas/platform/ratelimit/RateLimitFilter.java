package org.civitas.platform.ratelimit;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.civitas.platform.RateLimits;
import org.civitas.platform.logging.RedactedFailure;
import org.springframework.dao.DataAccessException;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Counts every request a module claimed in its {@link RateLimits} against its limit, before Spring
 * Security and the handler run, and answers one over the limit with 429 and {@code Retry-After}
 * through the error page of its surface (pages, problem+json, Open311's error array).
 */
final class RateLimitFilter extends OncePerRequestFilter {

    static final String RETRY_AFTER = "Retry-After";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RateLimitFilter.class);

    /** One claimed limit: the requests it counts and whom they count against. */
    record Rule(String method, PathPattern path, RateLimiter.Limit limit, RateLimits.Subject subject) {
    }

    private final RateLimiter limiter;
    private final List<Rule> rules;

    RateLimitFilter(RateLimiter limiter, List<Rule> rules) {
        this.limiter = limiter;
        this.rules = List.copyOf(rules);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        PathContainer path = null;
        for (Rule rule : rules) {
            if (!rule.method().equals(request.getMethod())) {
                continue;
            }
            if (path == null) {
                path = PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
            }
            if (!rule.path().matches(path)) {
                continue;
            }
            Optional<String> subject = rule.subject().of(request);
            String counted = subject.map(id -> "id " + id).orElseGet(() -> "address " + request.getRemoteAddr());
            RateLimiter.Decision decision;
            try {
                decision = limiter.take(rule.limit(), counted);
            }
            catch (DataAccessException e) {
                // without the database nothing else works either; let the request meet that rather than refuse it here
                log.warn("Rate limit {} not checked: {}", rule.limit().name(), RedactedFailure.of(e));
                continue;
            }
            if (!decision.allowed()) {
                response.setHeader(RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
                response.sendError(429);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}

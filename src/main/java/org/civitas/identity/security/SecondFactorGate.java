package org.civitas.identity.security;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a half-done sign-in on the second-factor pages: any other page sends the person back there
 * rather than showing them a bare "forbidden".
 */
class SecondFactorGate extends OncePerRequestFilter {

    private static final Set<String> OPEN_PREFIXES = Set.of("/assets/", "/webjars/", "/error", "/sign-out", "/favicon");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean open = OPEN_PREFIXES.stream().anyMatch(path::startsWith);
        if (!open && SignInFlow.secondFactorDue(authentication) && !path.equals("/sign-in/two-factor")) {
            redirect(request, response, "/sign-in/two-factor");
            return;
        }
        if (!open && SignInFlow.secondFactorSetupDue(authentication) && !path.startsWith("/account/two-factor")) {
            redirect(request, response, "/account/two-factor");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void redirect(HttpServletRequest request, HttpServletResponse response, String to) throws IOException {
        if (request.getRequestURI().startsWith("/api/")) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        } else {
            response.sendRedirect(to);
        }
    }
}

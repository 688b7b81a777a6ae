package org.civitas.identity.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.civitas.identity.ApiClient;
import org.civitas.identity.ApiKeyVerifier;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request that carries an API key ({@code Authorization: ApiKey <key>} or
 * {@code X-Api-Key: <key>}) for that request only: no session is created or read. A key that is
 * presented but unknown or revoked is refused outright rather than treated as anonymous.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Api-Key";
    static final String SCHEME = "ApiKey ";
    static final String API_CLIENT_AUTHORITY = "API_CLIENT";

    private final ApiKeyVerifier verifier;

    ApiKeyAuthenticationFilter(ApiKeyVerifier verifier) {
        this.verifier = verifier;
    }

    static boolean carriesKey(HttpServletRequest request) {
        return presented(request) != null;
    }

    static String presented(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return authorization.substring(SCHEME.length()).trim();
        }
        String header = request.getHeader(HEADER);
        return header == null ? null : header.trim();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = presented(request);
        if (key == null) {
            chain.doFilter(request, response);
            return;
        }
        ApiClient client = verifier.verify(key).orElse(null);
        if (client == null) {
            response.setHeader("WWW-Authenticate", "ApiKey");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        SecurityContext context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(client));
        SecurityContextHolder.getContextHolderStrategy().setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.getContextHolderStrategy().clearContext();
        }
    }
}

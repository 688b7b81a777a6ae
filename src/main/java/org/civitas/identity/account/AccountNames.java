package org.civitas.identity.account;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives a principal restored from the session (which does not keep the person's name) a way to
 * read the name from the vault, only if the page asks for it. Runs after the security filters,
 * once the signed-in person is known.
 */
@Component
class AccountNames extends OncePerRequestFilter {

    private final Accounts accounts;

    AccountNames(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof NameFromAccount principal) {
            principal.nameFrom(() -> accounts.byId(principal.accountId()).map(Account::displayName).orElse(""));
        }
        chain.doFilter(request, response);
    }
}

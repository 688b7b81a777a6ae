package org.civitas.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.civitas.platform.AccountLanguages;
import org.civitas.platform.Languages;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Remembers a language chosen with the switch link ({@code ?lang=cy} on a GET page): in the
 * {@value LanguageResolver#COOKIE} cookie, and on the account of a signed-in person. Runs after Spring
 * Security, so it knows who is signed in.
 */
final class LanguageChoiceInterceptor implements HandlerInterceptor {

    private final LanguageResolver resolver;
    private final ObjectProvider<AccountLanguages> accounts;

    LanguageChoiceInterceptor(LanguageResolver resolver, ObjectProvider<AccountLanguages> accounts) {
        this.resolver = resolver;
        this.accounts = accounts;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        resolver.explicitChoice(request).ifPresent(code -> {
            resolver.setLocale(request, response, Languages.locale(code));
            LanguageResolver.signedIn().ifPresent(user -> {
                AccountLanguages saved = accounts.getIfAvailable();
                if (saved != null) {
                    saved.choose(user.accountId(), code);
                }
            });
        });
        return true;
    }
}

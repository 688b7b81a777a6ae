package org.civitas.platform.web;

import java.time.Duration;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.civitas.platform.AccountLanguages;
import org.civitas.platform.Languages;
import org.civitas.platform.SignedInUser;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language of each request (decision 0021). On pages, in this order: an explicit choice
 * ({@code ?lang=cy} or {@code ?lang=en} on a GET), the {@value #COOKIE} cookie, the signed-in person's
 * saved language, {@code Accept-Language}, the body's default ({@code CIVITAS_DEFAULT_LANGUAGE}).
 * Open311 and {@code /api/v1} have no pages to choose on: {@code Accept-Language}, else the default.
 * A language this Civitas does not speak ({@code CIVITAS_LANGUAGES}) is passed over wherever it is
 * named, and an unknown value is ignored, never an error.
 */
public final class LanguageResolver implements LocaleResolver {

    /** Remembers the language a person chose: strictly necessary for the service, so it needs no consent. */
    public static final String COOKIE = "civitas_language";
    public static final String PARAMETER = "lang";
    static final Duration COOKIE_AGE = Duration.ofDays(365);

    private static final String RESOLVED = LanguageResolver.class.getName() + ".resolved";
    private static final String[] API_PATHS = {"/api/", "/open311/"};

    private final Languages languages;
    private final ObjectProvider<AccountLanguages> accounts;

    LanguageResolver(Languages languages, ObjectProvider<AccountLanguages> accounts) {
        this.languages = languages;
        this.accounts = accounts;
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        Object resolved = request.getAttribute(RESOLVED);
        if (resolved instanceof String code) {
            return Languages.locale(code);
        }
        String code = language(request);
        request.setAttribute(RESOLVED, code);
        return Languages.locale(code);
    }

    private String language(HttpServletRequest request) {
        if (!api(request)) {
            Optional<String> chosen = explicitChoice(request);
            if (chosen.isPresent()) {
                return chosen.get();
            }
            String cookie = cookie(request);
            if (cookie != null) {
                return cookie;
            }
            Optional<String> saved = signedIn().flatMap(user -> accountLanguage(user));
            if (saved.isPresent()) {
                return saved.get();
            }
        }
        return acceptLanguage(request).orElse(languages.defaultLanguage());
    }

    /** {@code ?lang=} on a GET page, when it names a language this Civitas speaks. */
    Optional<String> explicitChoice(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) || api(request)) {
            return Optional.empty();
        }
        String[] values = request.getParameterValues(PARAMETER);
        if (values == null || values.length != 1 || !languages.enabled().contains(values[0])) {
            return Optional.empty(); // exactly en or cy, as the switch link writes it
        }
        return Optional.of(values[0]);
    }

    private String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName()) && languages.enabled().contains(cookie.getValue())) {
                return cookie.getValue();
            }
        }
        return null;
    }

    private Optional<String> accountLanguage(SignedInUser user) {
        AccountLanguages saved = accounts.getIfAvailable();
        return saved == null ? Optional.empty() : saved.of(user.accountId()).filter(languages::speaks);
    }

    /** The first language in the header's order of preference that this Civitas speaks. */
    private Optional<String> acceptLanguage(HttpServletRequest request) {
        if (request.getHeader(HttpHeaders.ACCEPT_LANGUAGE) == null) {
            return Optional.empty();
        }
        Enumeration<Locale> asked = request.getLocales();
        while (asked.hasMoreElements()) {
            String language = asked.nextElement().getLanguage();
            if (languages.speaks(language)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    /** Remembers an explicit choice in the cookie (pages only). */
    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        String code = Languages.code(locale);
        if (!languages.speaks(code) || api(request)) {
            return;
        }
        request.setAttribute(RESOLVED, code);
        if (response != null) {
            response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(COOKIE, code).path("/").maxAge(COOKIE_AGE)
                    .httpOnly(true).secure(request.isSecure()).sameSite("Lax").build().toString());
        }
    }

    static Optional<SignedInUser> signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated() && authentication.getPrincipal() instanceof SignedInUser user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }

    static boolean api(HttpServletRequest request) {
        Object failed = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI);
        String uri = failed instanceof String s ? s : request.getRequestURI();
        String path = uri.startsWith(request.getContextPath()) ? uri.substring(request.getContextPath().length()) : uri;
        for (String prefix : API_PATHS) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}

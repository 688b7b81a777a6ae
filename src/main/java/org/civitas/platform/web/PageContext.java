package org.civitas.platform.web;

import java.util.Locale;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.civitas.platform.CivitasProperties;
import org.civitas.platform.Languages;
import org.civitas.platform.time.ShownTimes;
import org.civitas.platform.SignedInUser;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * What every page template needs from the request it answers: words from the message bundles,
 * the body's name, who is signed in, the CSRF field for forms and the fingerprinted address of
 * each asset. Added to every MVC model as {@code page}; templates declare
 * {@code @param org.civitas.platform.web.PageContext page}.
 */
public final class PageContext {

    static final Locale DEFAULT_LOCALE = Locale.UK;

    private final HttpServletRequest request;
    private final MessageSource messages;
    private final CivitasProperties properties;
    private final ResourceUrlProvider resourceUrls;
    private final Languages languages;
    private Locale locale;

    public PageContext(HttpServletRequest request, MessageSource messages, CivitasProperties properties,
            ResourceUrlProvider resourceUrls) {
        this(request, messages, properties, resourceUrls, Languages.of(Languages.ENGLISH, Languages.ENGLISH));
    }

    public PageContext(HttpServletRequest request, MessageSource messages, CivitasProperties properties,
            ResourceUrlProvider resourceUrls, Languages languages) {
        this.request = request;
        this.messages = messages;
        this.properties = properties;
        this.resourceUrls = resourceUrls;
        this.languages = languages;
    }

    /** The link to this page in another language: its code ({@code cy}), its name in itself ("Cymraeg") and its address. */
    public record LanguageLink(String code, String name, String href) {
    }

    /**
     * The message with this key in the reader's language (en-GB when the request names none),
     * with {@code {0}}, {@code {1}}… filled from {@code args}. A missing key is a bug and fails.
     */
    public String t(String key, Object... args) {
        return messages.getMessage(key, args, locale());
    }

    public Locale locale() {
        if (locale == null) {
            Locale resolved = RequestContextUtils.getLocale(request);
            locale = resolved == null ? DEFAULT_LOCALE : resolved;
        }
        return locale;
    }

    /** The page's language code ({@code en} or {@code cy}), for {@code <html lang>}. */
    public String lang() {
        return Languages.code(locale());
    }

    /**
     * The links to this page in the other languages this Civitas speaks (the GOV.UK language switch):
     * the same path and query with {@code lang} set; empty when only one language is on.
     */
    public java.util.List<LanguageLink> otherLanguages() {
        if (!languages.choice()) {
            return java.util.List.of();
        }
        String current = lang();
        return languages.enabled().stream().filter(code -> !code.equals(current))
                .map(code -> new LanguageLink(code, t("page.language." + code), LanguageLinks.href(request, code))).toList();
    }

    /** "6 December 2026, 2:30pm" (in Welsh "6 Rhagfyr 2026, 2:30yh") in the body's time zone. */
    public String dateTime(java.time.Instant at) {
        return ShownTimes.dateTime(at, timeZone(), locale());
    }

    /** "6 December 2026" (in Welsh "6 Rhagfyr 2026"). */
    public String date(java.time.LocalDate day) {
        return ShownTimes.date(day, locale());
    }

    /** "Sunday 6 December 2026" (in Welsh "Dydd Sul 6 Rhagfyr 2026"). */
    public String dayAndDate(java.time.LocalDate day) {
        return ShownTimes.dayAndDate(day, locale());
    }

    /** The name of the public body that runs this Civitas, as the deployer configured it. */
    public String bodyName() {
        return properties.bodyName();
    }

    /** Whether this Civitas runs the demo body (its people and passwords are made up): every page says so. */
    public boolean demo() {
        return properties.demo();
    }

    /** The body's time zone, in which pages show times (they are stored in UTC). */
    public java.time.ZoneId timeZone() {
        return properties.timeZone() == null ? java.time.ZoneId.of("Europe/London") : properties.timeZone();
    }

    /** The form field name the CSRF token goes in, or an empty string when there is no token. */
    public String csrfParameterName() {
        CsrfToken token = csrf();
        return token == null ? "" : token.getParameterName();
    }

    /**
     * The CSRF token to put in a hidden field, or an empty string when there is none. Only call it
     * on pages with a form: the first call may start a session.
     */
    public String csrfToken() {
        CsrfToken token = csrf();
        return token == null ? "" : token.getToken();
    }

    public boolean signedIn() {
        return user() != null;
    }

    /** The signed-in person's name, or an empty string when nobody is signed in. */
    public String userDisplayName() {
        SignedInUser user = user();
        return user == null ? "" : user.displayName();
    }

    public boolean staff() {
        SignedInUser user = user();
        return user != null && user.staff();
    }

    /** Whether the signed-in person holds the administrator role (the layout links to administration). */
    public boolean administrator() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return user() != null && authentication.getAuthorities().stream()
                .anyMatch(authority -> "ROLE_ADMINISTRATOR".equals(authority.getAuthority()));
    }

    /**
     * The address to link to for a static file, with a fingerprint of its content in the name so
     * that browsers may cache it for a year, e.g. {@code /assets/civitas.css} becomes
     * {@code /assets/civitas-5d41402abc4b2a76b9719d911017c592.css}. A path the resource chain does
     * not know is returned as it is.
     */
    public String asset(String path) {
        String versioned = resourceUrls == null ? null : resourceUrls.getForLookupPath(path);
        return request.getContextPath() + (versioned == null ? path : versioned);
    }

    /**
     * The path of the page being shown, without the context path or query. On an error page it is
     * the path that failed, not {@code /error}.
     */
    public String currentPath() {
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = failed instanceof String s ? s : request.getRequestURI();
        String contextPath = request.getContextPath();
        if (!contextPath.isEmpty() && uri.startsWith(contextPath)) {
            uri = uri.substring(contextPath.length());
        }
        return uri.isEmpty() ? "/" : uri;
    }

    private CsrfToken csrf() {
        Object token = request.getAttribute(CsrfToken.class.getName());
        return token instanceof CsrfToken csrfToken ? csrfToken : null;
    }

    private SignedInUser user() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated()
                && authentication.getPrincipal() instanceof SignedInUser user) {
            return user;
        }
        return null;
    }
}

package org.civitas.platform.web;

// TEMPORARY stand-in until the web layout work lands.
public class PageContext {
    private final org.springframework.context.MessageSource messages;
    private final jakarta.servlet.http.HttpServletRequest request;
    private final String bodyName;

    public PageContext(org.springframework.context.MessageSource messages, jakarta.servlet.http.HttpServletRequest request, String bodyName) {
        this.messages = messages;
        this.request = request;
        this.bodyName = bodyName;
    }

    public String t(String key, Object... args) {
        return messages.getMessage(key, args, key, java.util.Locale.UK);
    }

    public String bodyName() {
        return bodyName;
    }

    public String csrfParameterName() {
        var token = (org.springframework.security.web.csrf.CsrfToken) request.getAttribute(org.springframework.security.web.csrf.CsrfToken.class.getName());
        return token == null ? "" : token.getParameterName();
    }

    public String csrfToken() {
        var token = (org.springframework.security.web.csrf.CsrfToken) request.getAttribute(org.springframework.security.web.csrf.CsrfToken.class.getName());
        return token == null ? "" : token.getToken();
    }

    public boolean signedIn() {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof org.civitas.platform.SignedInUser;
    }

    public String userDisplayName() {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof org.civitas.platform.SignedInUser u ? u.displayName() : "";
    }

    public boolean staff() {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof org.civitas.platform.SignedInUser u && u.staff();
    }

    public String asset(String path) {
        return path;
    }

    public String currentPath() {
        return request.getRequestURI();
    }
}

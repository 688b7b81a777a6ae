package org.civitas.platform.web;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.util.UriUtils;

/**
 * The address of the page being shown with {@code lang} set: the same path and the same query, every
 * part decoded and encoded again (so nothing the visitor typed into the address reaches the link as it
 * was typed), without any other {@code lang}.
 */
final class LanguageLinks {

    private LanguageLinks() {
    }

    static String href(HttpServletRequest request, String code) {
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Object failedQuery = request.getAttribute(RequestDispatcher.ERROR_QUERY_STRING);
        String uri = failed instanceof String s ? s : request.getRequestURI();
        String query = failed instanceof String ? (failedQuery instanceof String q ? q : null) : request.getQueryString();
        List<String> pairs = new ArrayList<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? null : decode(pair.substring(equals + 1));
                if (name == null || name.isEmpty() || LanguageResolver.PARAMETER.equals(name) || (equals >= 0 && value == null)) {
                    continue;
                }
                pairs.add(encode(name) + (value == null ? "" : "=" + encode(value)));
            }
        }
        pairs.add(LanguageResolver.PARAMETER + "=" + code);
        return path(uri) + "?" + String.join("&", pairs);
    }

    /** The path decoded and encoded again; one leading slash, so the link never leaves this site ({@code //host}). */
    private static String path(String uri) {
        String decoded;
        try {
            decoded = UriUtils.decode(uri == null ? "/" : uri, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return "/";
        }
        String path = "/" + decoded.replaceFirst("^/+", "");
        return UriUtils.encodePath(path, StandardCharsets.UTF_8);
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8);
    }
}

package org.civitas.platform.web;

import jakarta.servlet.http.HttpServletRequest;

import org.civitas.platform.CivitasProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors on web pages: a GOV.UK-style error page ({@code platform/error.jte}) that says what
 * happened in plain English and what to do next. Takes any request no other rendering claims.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrorRendering implements ErrorRendering {

    private final CivitasProperties properties;

    PageErrorRendering(CivitasProperties properties) {
        this.properties = properties;
    }

    @Override
    public boolean handles(ErrorDetails error, HttpServletRequest request) {
        return true;
    }

    @Override
    public ModelAndView render(ErrorDetails error, HttpServletRequest request) {
        ModelAndView view = new ModelAndView("platform/error");
        view.addObject("status", pageFor(error.status()));
        view.addObject("field", error.field());
        view.addObject("maxRequestSize", readable(properties.maxRequestSize()));
        view.setStatus(HttpStatusCode.valueOf(error.status()));
        return view;
    }

    /** The error page to show: one written for this status, or the general one of its class. */
    static int pageFor(int status) {
        return switch (status) {
            case 400, 401, 403, 404, 405, 413, 415, 429, 500, 503 -> status;
            default -> status >= 500 ? 500 : 400;
        };
    }

    /** 1MB as "1 MB", 512KB as "512 KB". */
    static String readable(DataSize size) {
        long bytes = size.toBytes();
        if (bytes >= DataSize.ofMegabytes(1).toBytes() && bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
            return size.toMegabytes() + " MB";
        }
        if (bytes >= DataSize.ofKilobytes(1).toBytes()) {
            return size.toKilobytes() + " KB";
        }
        return bytes + " bytes";
    }
}

package org.civitas.requests.open311;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.civitas.platform.web.ErrorDetails;
import org.civitas.platform.web.ErrorRendering;
import org.springframework.context.MessageSource;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Errors that happen before an Open311 handler runs (unknown route, body too large, refused by
 * security) in Open311's own format: an {@code <errors>} document, or a JSON array, by the
 * extension of the URL.
 */
@Component
@Order(-10)
class Open311ErrorRendering implements ErrorRendering {

    static final String PREFIX = "/open311/";

    private final MessageSource messages;

    Open311ErrorRendering(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public boolean handles(ErrorDetails error, HttpServletRequest request) {
        return error.path().startsWith(PREFIX);
    }

    @Override
    public ModelAndView render(ErrorDetails error, HttpServletRequest request) {
        var locale = RequestContextUtils.getLocale(request);
        String description = messages.getMessage(messageKey(error.status()), null, locale);
        if (error.hasField()) {
            description = messages.getMessage("open311.error.field", new Object[] {error.field(), description}, locale);
        }
        Open311Document document = Open311Error.document(List.of(new Open311Error.Entry(error.status(), description)));
        Open311Format format = Open311Format.ofPath(error.path());
        ModelAndView view = new ModelAndView(new Open311View(format, format.write(document)));
        view.setStatus(HttpStatusCode.valueOf(error.status()));
        return view;
    }

    /** The message that explains an HTTP status to an Open311 client. */
    static String messageKey(int status) {
        return switch (status) {
            case 401, 403 -> "open311.error.forbidden";
            case 404 -> "open311.error.notFound";
            case 405 -> "open311.error.method";
            case 413 -> "open311.error.tooLarge";
            case 415 -> "open311.error.contentType";
            case 429 -> "open311.error.tooMany";
            default -> status >= 500 ? "open311.error.server" : "open311.error.badRequest";
        };
    }

    private record Open311View(Open311Format format, byte[] body) implements View {

        @Override
        public String getContentType() {
            return format.mediaType().toString();
        }

        @Override
        public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response) throws Exception {
            response.setContentType(getContentType());
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }
}

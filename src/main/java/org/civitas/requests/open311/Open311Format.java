package org.civitas.requests.open311;

import java.util.Locale;
import java.util.Optional;

import org.springframework.http.MediaType;

/** The two formats of every Open311 resource, chosen by the extension of the URL. */
enum Open311Format {
    XML(MediaType.valueOf("text/xml;charset=utf-8")),
    JSON(MediaType.valueOf("application/json;charset=utf-8"));

    private final MediaType mediaType;

    Open311Format(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    MediaType mediaType() {
        return mediaType;
    }

    byte[] write(Open311Document document) {
        return this == XML ? document.xml() : document.json();
    }

    /**
     * The extension a request's path ends in, when its mapping matched it as a plain path: the fixed
     * resources are mapped as {@code requests.json} and {@code requests.xml} as well as
     * {@code requests.{format}}, because Spring MVC finds a plain path with a map look-up but matches a
     * pattern against every mapping of the application (a twentieth of a POST's CPU); any other
     * extension still reaches the pattern and gets Open311's 404.
     */
    static String extension(String matched, jakarta.servlet.http.HttpServletRequest request) {
        if (matched != null) {
            return matched;
        }
        String path = request.getRequestURI();
        return path.substring(path.lastIndexOf('.') + 1);
    }

    static Optional<Open311Format> of(String extension) {
        return switch (extension == null ? "" : extension.toLowerCase(Locale.ROOT)) {
            case "xml" -> Optional.of(XML);
            case "json" -> Optional.of(JSON);
            default -> Optional.empty();
        };
    }

    /** The format of a failed request's path, for error responses; XML, the spec's default, when unclear. */
    static Open311Format ofPath(String path) {
        return path != null && path.toLowerCase(Locale.ROOT).matches(".*\\.json(\\?.*)?$") ? JSON : XML;
    }
}

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

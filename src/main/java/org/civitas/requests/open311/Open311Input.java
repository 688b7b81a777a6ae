package org.civitas.requests.open311;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.civitas.platform.input.DateTimes;
import org.civitas.platform.input.Parsed;
import org.civitas.platform.input.Rule;
import org.civitas.platform.input.WholeNumbers;
import org.civitas.requests.cases.Markup;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * How every Open311 endpoint reads its parameters and words its errors: empty parameters count as
 * absent, each rule broken becomes "field: the rule" in Open311's error array, and the
 * jurisdiction and the format are checked alike.
 */
@Component
class Open311Input {


    private final Open311Properties properties;
    private final MessageSource messages;

    Open311Input(Open311Properties properties, MessageSource messages) {
        this.properties = properties;
        this.messages = messages;
    }

    /**
     * A whole-number parameter from {@code min} to {@code max} (the {@code page} / {@code page_size}
     * extension); {@code otherwise} when absent or empty.
     */
    int whole(Map<String, String[]> query, String name, int min, int max, int otherwise,
                      List<Open311Error.Entry> problems) {
        Parsed<Integer> parsed = WholeNumbers.parseInt(value(query, name), min, max, otherwise);
        if (parsed.ok()) {
            return parsed.get();
        }
        problems.add(new Open311Error.Entry(400, max == Integer.MAX_VALUE
                ? message("open311.error.field", name, message("open311.error.whole.min", min))
                : message("open311.error.field", name, message("open311.error.whole.range", min, max))));
        return otherwise;
    }

    /** A datetime parameter: ISO-8601 with an offset from UTC, as the specification requires, in the years Civitas accepts. */
    Instant date(Map<String, String[]> query, String name, List<Open311Error.Entry> problems) {
        String given = value(query, name);
        if (given == null) {
            return null;
        }
        Parsed<Instant> parsed = DateTimes.parse(given);
        if (parsed.ok()) {
            return parsed.get();
        }
        problems.add(new Open311Error.Entry(400, field(name, parsed.refusal().orElseThrow() == Rule.YEAR_OUT_OF_RANGE
                ? "open311.error.datetime.year" : "open311.error.datetime")));
        return null;
    }

    /** Free text: at most {@code max} characters, and no markup. */
    String text(Map<String, String[]> form, String name, int max, List<Open311Error.Entry> problems) {
        String given = value(form, name);
        if (given == null) {
            return null;
        }
        if (given.codePointCount(0, given.length()) > max) {
            problems.add(new Open311Error.Entry(400, message("open311.error.field", name, message("open311.error.text.length", max))));
            return null;
        }
        if (Markup.in(given)) {
            problems.add(new Open311Error.Entry(400, field(name, "open311.error.text.markup")));
            return null;
        }
        return given;
    }

    String mediaUrl(Map<String, String[]> form, List<Open311Error.Entry> problems) {
        String given = value(form, "media_url");
        if (given == null) {
            return null;
        }
        String trimmed = given.trim();
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (trimmed.length() <= Open311RequestsApi.MAX_MEDIA_URL && (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return trimmed;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        problems.add(new Open311Error.Entry(400, field("media_url", "open311.error.mediaUrl")));
        return null;
    }

    /** A parameter's first value; null when it is absent or empty, which the specification treats alike. */
    String value(Map<String, String[]> form, String name) {
        String[] values = form.get(name);
        if (values == null || values.length == 0 || values[0] == null || values[0].isBlank()) {
            return null;
        }
        return values[0];
    }

    void checkJurisdiction(String jurisdiction) {
        if (jurisdiction != null && !jurisdiction.trim().equalsIgnoreCase(properties.jurisdictionId())) {
            throw Open311Error.of(404, message("open311.error.jurisdiction.unknown", properties.jurisdictionId()));
        }
    }

    Open311Format format(String extension) {
        return Open311Format.of(extension).orElseThrow(() -> Open311Error.of(404, message("open311.error.format")));
    }

    ResponseEntity<byte[]> respond(Open311Format format, Open311Document document) {
        return ResponseEntity.ok().contentType(format.mediaType()).body(format.write(document));
    }

    /** "field: the rule", as every Open311 error here reads. */
    String field(String name, String key) {
        return message("open311.error.field", name, message(key));
    }

    String message(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}

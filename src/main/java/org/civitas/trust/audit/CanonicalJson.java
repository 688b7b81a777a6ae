package org.civitas.trust.audit;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The one serialisation of an audit entry that is hashed: JSON with object keys in ascending
 * order (by UTF-16 code unit, as RFC 8785), no whitespace, strings escaped minimally (quote,
 * backslash and control characters as backslash-u and four hex digits), integers as decimal, absent values
 * omitted. Verifiers never re-serialise: they hash the bytes as stored and exported.
 */
final class CanonicalJson {

    private CanonicalJson() {
    }

    static byte[] bytes(Map<String, ?> object) {
        StringBuilder out = new StringBuilder(256);
        write(out, object);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static void write(StringBuilder out, Object value) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            // the recorder builds its entries sorted already; anything else is sorted here
            Map<String, ?> sorted = map instanceof SortedMap<?, ?> s && s.comparator() == null
                    ? (Map<String, ?>) map : new TreeMap<>((Map<String, ?>) map);
            for (Map.Entry<String, ?> e : sorted.entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, e.getKey());
                out.append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(out, item);
            }
            out.append(']');
        } else if (value instanceof Long || value instanceof Integer) {
            out.append(value);
        } else {
            string(out, String.valueOf(value));
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}

package org.civitas.platform.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses form input no person could have typed, with 400 naming the field: bytes that are not
 * valid in the form's character set (they would decode to U+FFFD, the replacement character), the
 * replacement character itself, and control characters other than tab, carriage return and line
 * feed. It reads query strings and {@code application/x-www-form-urlencoded} bodies itself, so
 * the server never logs or half-parses a bad value, and hands the checked parameters on; it checks
 * the fields of {@code multipart/form-data} after the server has parsed them.
 * <p>
 * Runs right after {@link RequestSizeLimitFilter} and before security, sessions and MVC, so no
 * part of Civitas ever sees such a value.
 */
@Component
public class FormInputFilter extends OncePerRequestFilter implements Ordered {

    /** The rule for a value with bytes or characters Civitas does not accept. */
    public static final String RULE_CHARACTERS = "characters";
    /** The rule for a value whose percent-encoding is broken. */
    public static final String RULE_ENCODING = "encoding";
    /** The rule for a form with more fields than anyone fills in. */
    public static final String RULE_TOO_MANY = "count";

    static final int MAX_PARAMETERS = 1000;

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null) {
            FormData parsed = FormData.parse(query.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            if (parsed.rejected()) {
                reject(request, response, parsed);
                return;
            }
        }
        MediaType type = contentType(request);
        if (type != null && MediaType.APPLICATION_FORM_URLENCODED.includes(type)) {
            Charset charset;
            try {
                charset = type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
            }
            catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                RequestSizeLimitFilter.refuse(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
                return;
            }
            byte[] body;
            try {
                body = request.getInputStream().readAllBytes();
            }
            catch (PayloadTooLargeException e) {
                RequestSizeLimitFilter.refuse(request, response, HttpStatus.CONTENT_TOO_LARGE);
                return;
            }
            FormData form = FormData.parse(body, charset);
            if (form.rejected()) {
                reject(request, response, form);
                return;
            }
            CheckedFormRequest checked;
            try {
                checked = new CheckedFormRequest(request, form, body);
            }
            catch (IllegalStateException e) {
                RequestSizeLimitFilter.refuse(request, response, serverRefusal(e));
                return;
            }
            chain.doFilter(checked, response);
            return;
        }
        if (type != null && MediaType.MULTIPART_FORM_DATA.includes(type)) {
            Map<String, String[]> fields;
            try {
                fields = request.getParameterMap();
            }
            catch (IllegalStateException e) {
                RequestSizeLimitFilter.refuse(request, response, serverRefusal(e));
                return;
            }
            for (Map.Entry<String, String[]> field : fields.entrySet()) {
                boolean bad = !acceptable(field.getKey());
                for (String value : field.getValue()) {
                    bad |= !acceptable(value);
                }
                if (bad) {
                    ErrorDetails.rejectField(request, field.getKey(), RULE_CHARACTERS);
                    RequestSizeLimitFilter.refuse(request, response, HttpStatus.BAD_REQUEST);
                    return;
                }
            }
        }
        else if (query != null) {
            try {
                request.getParameterMap(); // let the server refuse what it would refuse later, such as too many fields
            }
            catch (IllegalStateException e) {
                RequestSizeLimitFilter.refuse(request, response, serverRefusal(e));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The status for parameters the server could not parse: its own (400 or 413), else 400. */
    private static HttpStatus serverRefusal(IllegalStateException failure) {
        HttpStatus status = failure instanceof InvalidParameterException invalid && invalid.getErrorCode() > 0
                ? HttpStatus.resolve(invalid.getErrorCode()) : null;
        return status == null ? HttpStatus.BAD_REQUEST : status;
    }

    private static void reject(HttpServletRequest request, HttpServletResponse response, FormData form)
            throws IOException {
        if (form.field() != null) {
            ErrorDetails.rejectField(request, form.field(), form.rule());
        }
        RequestSizeLimitFilter.refuse(request, response, HttpStatus.BAD_REQUEST);
    }

    private static MediaType contentType(HttpServletRequest request) {
        String header = request.getContentType();
        if (header == null) {
            return null;
        }
        try {
            return MediaType.parseMediaType(header);
        }
        catch (InvalidMediaTypeException e) {
            return null;
        }
    }

    /** No replacement character and no control character but tab, carriage return and line feed. */
    static boolean acceptable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\uFFFD' || c < 0x20 && c != '\t' && c != '\r' && c != '\n') {
                return false;
            }
        }
        return true;
    }

    /** The fields of a URL-encoded form, or the first one that had to be refused. */
    record FormData(List<Map.Entry<String, String>> fields, String field, String rule) {

        boolean rejected() {
            return rule != null;
        }

        static FormData parse(byte[] raw, Charset charset) {
            List<Map.Entry<String, String>> fields = new ArrayList<>();
            int start = 0;
            for (int i = 0; i <= raw.length; i++) {
                if (i < raw.length && raw[i] != '&') {
                    continue;
                }
                if (i > start) {
                    int equals = start;
                    while (equals < i && raw[equals] != '=') {
                        equals++;
                    }
                    Decoded name = decode(raw, start, equals, charset);
                    Decoded value = equals < i ? decode(raw, equals + 1, i, charset) : new Decoded("", true);
                    if (!name.wellEncoded() || !value.wellEncoded()) {
                        return new FormData(List.of(), name.text(), RULE_ENCODING);
                    }
                    if (!acceptable(name.text()) || !acceptable(value.text())) {
                        return new FormData(List.of(), name.text(), RULE_CHARACTERS);
                    }
                    if (!name.text().isEmpty()) {
                        if (fields.size() == MAX_PARAMETERS) {
                            return new FormData(List.of(), null, RULE_TOO_MANY);
                        }
                        fields.add(Map.entry(name.text(), value.text()));
                    }
                }
                start = i + 1;
            }
            return new FormData(fields, null, null);
        }

        private record Decoded(String text, boolean wellEncoded) {
        }

        private static Decoded decode(byte[] raw, int from, int to, Charset charset) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
            boolean wellEncoded = true;
            for (int i = from; i < to; i++) {
                byte b = raw[i];
                if (b == '+') {
                    bytes.write(' ');
                }
                else if (b == '%') {
                    int high = i + 1 < to ? Character.digit(raw[i + 1], 16) : -1;
                    int low = i + 2 < to ? Character.digit(raw[i + 2], 16) : -1;
                    if (high < 0 || low < 0) {
                        wellEncoded = false;
                        bytes.write(b);
                    }
                    else {
                        bytes.write(high << 4 | low);
                        i += 2;
                    }
                }
                else {
                    bytes.write(b);
                }
            }
            // new String(...) replaces bytes that are not valid in the charset with U+FFFD,
            // which acceptable() then refuses.
            return new Decoded(new String(bytes.toByteArray(), charset), wellEncoded);
        }
    }

    /**
     * The request with its URL-encoded body already read and checked: POST parameters come from
     * the checked body (after those of the query string, as the servlet specification orders
     * them), and the body can be read again.
     */
    static final class CheckedFormRequest extends HttpServletRequestWrapper {

        private final Map<String, String[]> parameters;
        private final byte[] body;
        private ServletInputStream stream;
        private BufferedReader reader;

        CheckedFormRequest(HttpServletRequest request, FormData form, byte[] body) {
            super(request);
            this.body = body;
            Map<String, List<String>> merged = new LinkedHashMap<>();
            // The query string was checked above; the server parses it, the body is ours.
            request.getParameterMap().forEach((name, values) -> merged.put(name, new ArrayList<>(List.of(values))));
            if ("POST".equals(request.getMethod())) {
                for (Map.Entry<String, String> field : form.fields()) {
                    merged.computeIfAbsent(field.getKey(), key -> new ArrayList<>()).add(field.getValue());
                }
            }
            Map<String, String[]> parameters = new LinkedHashMap<>();
            merged.forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
            this.parameters = Collections.unmodifiableMap(parameters);
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values.clone();
        }

        @Override
        public ServletInputStream getInputStream() {
            if (reader != null) {
                throw new IllegalStateException("getReader() has already been called");
            }
            if (stream == null) {
                stream = new BodyStream(body);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() {
            if (stream != null) {
                throw new IllegalStateException("getInputStream() has already been called");
            }
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
            }
            return reader;
        }
    }

    private static final class BodyStream extends ServletInputStream {

        private final ByteArrayInputStream body;

        BodyStream(byte[] body) {
            this.body = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return body.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return body.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
            return body.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("The body has already been read");
        }
    }
}

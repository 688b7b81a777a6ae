package org.civitas.platform.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.util.List;

import org.civitas.platform.CivitasProperties;
import org.civitas.platform.LargerRequestBody;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body larger than {@code civitas.max-request-size} with 413, before anything
 * else sees the request. A declared {@code Content-Length} over the limit is refused without
 * reading the body; a body of unknown length (chunked) is counted as it is read and the request
 * is refused the moment it goes over, so the handler never gets the whole of it and nothing is
 * written. The error itself is rendered by {@code /error} in the format of the surface the
 * request came in on.
 */
@Component
public class RequestSizeLimitFilter extends OncePerRequestFilter implements Ordered {

    private final long generalLimit;
    private final List<LargerRequestBody> larger;
    private final PathPatternParser patterns = new PathPatternParser();

    RequestSizeLimitFilter(CivitasProperties properties, List<LargerRequestBody> larger) {
        this.generalLimit = properties.maxRequestSize().toBytes();
        this.larger = List.copyOf(larger);
    }

    /** The limit for this request's path: the general one unless a module claimed a larger one for it. */
    long limitFor(HttpServletRequest request) {
        if (larger.isEmpty()) {
            return generalLimit;
        }
        PathContainer path = PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
        long limit = generalLimit;
        for (LargerRequestBody claim : larger) {
            if (patterns.parse(claim.pathPattern()).matches(path)) {
                limit = Math.max(limit, claim.limit().toBytes());
            }
        }
        return limit;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request);
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(request, response, HttpStatus.CONTENT_TOO_LARGE);
            return;
        }
        if (declared >= 0) {
            chain.doFilter(request, response); // the server never reads past the declared length
            return;
        }
        CountedRequest counted = new CountedRequest(request, limit);
        try {
            chain.doFilter(counted, response);
        }
        catch (IOException | ServletException | RuntimeException failure) {
            if (!counted.overLimit()) {
                throw failure;
            }
        }
        // Handlers reading the body through MVC get 413 from PayloadTooLargeResolver; this
        // catches whatever else read it (another filter, a servlet) and let the failure through.
        if (counted.overLimit() && !response.isCommitted()) {
            response.resetBuffer();
            response.sendError(HttpStatus.CONTENT_TOO_LARGE.value());
        }
    }

    /**
     * Answers with an error status before anything read the request: rendered by {@code /error}
     * in the surface's format. The server is first told it will not parse the body or a query
     * string it cannot decode, so rendering the error does not fail on them.
     */
    static void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status)
            throws IOException {
        try {
            request.getInputStream(); // from now on the server leaves the body alone
        }
        catch (IOException | IllegalStateException alreadyRead) {
            // read already: nothing left for the server to parse
        }
        try {
            request.getParameterMap(); // a query string the server cannot parse fails here, once
        }
        catch (IllegalStateException refusedByServer) {
            // expected for the input being refused
        }
        response.sendError(status.value());
    }

    /** A request whose body stream fails once more than {@code limit} bytes have been read. */
    static final class CountedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;
        private BufferedReader reader;
        private volatile boolean overLimit;

        CountedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        boolean overLimit() {
            return overLimit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (reader != null) {
                throw new IllegalStateException("getReader() has already been called");
            }
            if (stream == null) {
                stream = new CountedInputStream(super.getInputStream());
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                if (stream != null) {
                    throw new IllegalStateException("getInputStream() has already been called");
                }
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(new CountedInputStream(super.getInputStream()), charset));
            }
            return reader;
        }

        private final class CountedInputStream extends ServletInputStream {

            private final ServletInputStream body;
            private long count;

            CountedInputStream(ServletInputStream body) {
                this.body = body;
            }

            @Override
            public int read() throws IOException {
                int b = body.read();
                if (b >= 0) {
                    counted(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = body.read(buffer, offset, length);
                if (read > 0) {
                    counted(read);
                }
                return read;
            }

            private void counted(int bytes) throws PayloadTooLargeException {
                count += bytes;
                if (count > limit) {
                    overLimit = true;
                    throw new PayloadTooLargeException(limit);
                }
            }

            @Override
            public boolean isFinished() {
                return body.isFinished();
            }

            @Override
            public boolean isReady() {
                return body.isReady();
            }

            @Override
            public void setReadListener(ReadListener listener) {
                body.setReadListener(listener);
            }

            @Override
            public void close() throws IOException {
                body.close();
            }
        }
    }
}

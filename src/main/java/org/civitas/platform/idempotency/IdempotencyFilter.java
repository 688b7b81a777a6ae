package org.civitas.platform.idempotency;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.civitas.platform.CallerKeys;
import org.civitas.platform.web.InputError;
import org.civitas.platform.web.ProblemDocuments;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} on every native API POST ({@code /api/v1/**}). The first request with a
 * key claims it, runs in one transaction with the change it makes, and its successful answer is kept
 * with the claim; a retry by the same caller with the same key and the same request (method, path and
 * body) gets that answer again, marked {@code Idempotent-Replayed: true}, and changes nothing; the
 * same key with a different request is a 422 naming the header. A failed answer keeps nothing (the
 * transaction is rolled back), so the client can correct the request and use the key again. A
 * concurrent retry waits on the claim and then replays. A malformed key (empty, over 255 characters,
 * anything but visible ASCII) is a 400 naming the header, before anything runs.
 * <p>
 * Answers may hold personal data or secrets (a first password, a new API key): they are sealed with a
 * key derived from the Idempotency-Key, which is itself kept only as a hash, so the table is
 * unreadable without the keys clients hold.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    public static final int MAX_KEY = 255;
    private static final int NONCE = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final CallerKeys callers;
    private final ProblemDocuments problems;
    private final MessageSource messages;
    private final JsonMapper json;
    private final Clock clock;
    private final org.springframework.web.servlet.LocaleResolver locales;

    public IdempotencyFilter(JdbcClient jdbc, TransactionTemplate transactions, CallerKeys callers, ProblemDocuments problems,
                             MessageSource messages, JsonMapper json, Clock clock, org.springframework.web.servlet.LocaleResolver locales) {
        this.locales = locales;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.callers = callers;
        this.problems = problems;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !request.getRequestURI().startsWith(request.getContextPath() + "/api/v1/")
                || headers(request).isEmpty();
    }

    /**
     * The header's values. Spring Security's firewall refuses to hand over a value with characters it
     * does not allow (bytes beyond ASCII that the server reads as control characters, as UTF-8 often
     * gives): that is a malformed key too, answered here naming the header rather than with a bare 400.
     */
    private static List<String> headers(HttpServletRequest request) {
        try {
            return java.util.Collections.list(request.getHeaders(HEADER));
        }
        catch (RequestRejectedException rejected) {
            return List.of("\u0000");
        }
    }

    /** 1 to 255 visible ASCII characters: what the header may hold. */
    static boolean valid(String key) {
        return !key.isEmpty() && key.length() <= MAX_KEY && key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }

    private record Stored(byte[] requestMac, int status, String contentType, byte[] bodySealed, byte[] rights) {
    }

    /** What the transaction decided: replay a stored answer, refuse a reused key or changed rights, or send the fresh answer. */
    private sealed interface Outcome permits Replay, Reused, RightsChanged, Fresh {
    }

    private record RightsChanged() implements Outcome {
    }

    private record Replay(Stored stored) implements Outcome {
    }

    private record Reused() implements Outcome {
    }

    private record Fresh() implements Outcome {
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // several headers, or one the server could only read as non-ASCII, are refused like any malformed key
        List<String> given = headers(request);
        String key = given.size() == 1 ? given.get(0) : "";
        if (!valid(key)) {
            problem(request, response, 400, "platform.idempotency.key", "format");
            return;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Optional<String> caller = authentication == null || authentication instanceof AnonymousAuthenticationToken
                ? Optional.empty() : callers.of(authentication);
        if (caller.isEmpty()) {
            chain.doFilter(request, response); // nobody to keep it for; the endpoint's own access rules answer
            return;
        }
        HttpServletRequest forward = request;
        byte[] body;
        if (form(request)) {
            // the server reads a form's body into its parameters: take them, in order, as the body
            StringBuilder parameters = new StringBuilder();
            request.getParameterMap().forEach((name, values) -> {
                for (String value : values) {
                    parameters.append(name).append('=').append(value).append('\u0000');
                }
            });
            body = parameters.toString().getBytes(StandardCharsets.UTF_8);
        }
        else {
            body = request.getInputStream().readAllBytes();
            forward = new CachedBodyRequest(request, body);
        }
        Keys keys = new Keys(caller.get(), key);
        byte[] requestMac = keys.mac(request.getMethod() + " " + request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString()) + "\n", body);
        HttpServletRequest cached = forward;
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        Exception[] failure = new Exception[1];

        Outcome outcome = transactions.execute(tx -> {
            // the caller's rights as the database has them now; a replay is given only under the same rights
            byte[] rights = keys.rights(callers.currentRights(authentication).orElse(null));
            int claimed = jdbc.sql("""
                            insert into platform.idempotency (caller, key_hash, request_mac, status, created_at, rights)
                            values (?, ?, ?, 0, ?, ?) on conflict do nothing""")
                    .params(caller.get(), keys.keyHash(), requestMac, Timestamp.from(clock.instant()), rights).update();
            if (claimed == 0) {
                Stored stored = jdbc.sql("""
                                select request_mac, status, content_type, body_sealed, rights from platform.idempotency
                                where caller = ? and key_hash = ?""")
                        .params(caller.get(), keys.keyHash())
                        .query((rs, n) -> new Stored(rs.getBytes("request_mac"), rs.getInt("status"), rs.getString("content_type"),
                                rs.getBytes("body_sealed"), rs.getBytes("rights")))
                        .single();
                if (!MessageDigest.isEqual(stored.requestMac(), requestMac)) {
                    return new Reused();
                }
                // a revoked key, a disabled account, or rights changed since the first answer (a scope, a role, a team)
                // get no replay: the stored answer was decided under rights the caller no longer holds
                return rights == null || stored.rights() == null || !MessageDigest.isEqual(stored.rights(), rights)
                        ? new RightsChanged() : new Replay(stored);
            }
            try {
                chain.doFilter(cached, answer);
            }
            catch (IOException | ServletException | RuntimeException e) {
                failure[0] = e;
                tx.setRollbackOnly();
                return new Fresh();
            }
            if (answer.getStatus() < 200 || answer.getStatus() > 299) {
                tx.setRollbackOnly(); // nothing was written, and the key stays free for a corrected request
                return new Fresh();
            }
            jdbc.sql("""
                            update platform.idempotency set status = ?, content_type = ?, body_sealed = ?
                            where caller = ? and key_hash = ?""")
                    .params(answer.getStatus(), answer.getContentType(), keys.seal(answer.getContentAsByteArray()),
                            caller.get(), keys.keyHash())
                    .update();
            return new Fresh();
        });

        if (failure[0] instanceof IOException e) {
            throw e;
        }
        if (failure[0] instanceof ServletException e) {
            throw e;
        }
        if (failure[0] instanceof RuntimeException e) {
            throw e;
        }
        if (outcome instanceof Reused) {
            problem(request, response, 422, "platform.idempotency.reused", "reused");
        }
        else if (outcome instanceof RightsChanged) {
            problem(request, response, 403, "platform.idempotency.rights", "rights");
        }
        else if (outcome instanceof Replay replay) {
            byte[] stored = keys.open(replay.stored().bodySealed());
            response.setStatus(replay.stored().status());
            if (replay.stored().contentType() != null) {
                response.setContentType(replay.stored().contentType());
            }
            response.setHeader(REPLAYED, "true");
            response.setContentLength(stored.length);
            response.getOutputStream().write(stored);
        }
        else {
            answer.copyBodyToResponse();
        }
    }

    private static boolean form(HttpServletRequest request) {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(java.util.Locale.ROOT);
        return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/");
    }

    private void problem(HttpServletRequest request, HttpServletResponse response, int status, String messageKey, String rule)
            throws IOException {
        // before the DispatcherServlet: the API's language (Accept-Language, else CIVITAS_DEFAULT_LANGUAGE) from the resolver itself
        java.util.Locale locale = locales.resolveLocale(request);
        String message = messages.getMessage(messageKey, new Object[] {MAX_KEY}, locale);
        java.util.Map<String, Object> document = problems.problem(status, request.getRequestURI(), locale,
                List.of(new InputError(HEADER, rule, message)));
        document.put("detail", message);
        response.setStatus(status);
        response.setContentType(ProblemDocuments.PROBLEM_JSON.toString());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(json.writeValueAsBytes(document));
    }

    /** The keys derived from one caller's Idempotency-Key: its stored hash, the request MAC key, the sealing key. */
    private static final class Keys {

        private final byte[] keyHash;
        private final byte[] macKey;
        private final byte[] sealKey;

        Keys(String caller, String key) {
            this.keyHash = sha256("civitas idempotency key", caller, key);
            this.macKey = sha256("civitas idempotency request", caller, key);
            this.sealKey = sha256("civitas idempotency answer", caller, key);
        }

        byte[] keyHash() {
            return keyHash;
        }

        /** The caller's rights, kept only as a MAC under this key (null when the caller has none now). */
        byte[] rights(String rights) {
            return rights == null ? null : mac("rights\n", rights.getBytes(StandardCharsets.UTF_8));
        }

        byte[] mac(String head, byte[] body) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(macKey, "HmacSHA256"));
                mac.update(head.getBytes(StandardCharsets.UTF_8));
                return mac.doFinal(body);
            }
            catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        byte[] seal(byte[] plain) {
            try {
                byte[] nonce = new byte[NONCE];
                RANDOM.nextBytes(nonce);
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(sealKey, "AES"), new GCMParameterSpec(128, nonce));
                byte[] sealed = cipher.doFinal(plain);
                byte[] out = Arrays.copyOf(nonce, NONCE + sealed.length);
                System.arraycopy(sealed, 0, out, NONCE, sealed.length);
                return out;
            }
            catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        byte[] open(byte[] sealed) {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(sealKey, "AES"), new GCMParameterSpec(128, sealed, 0, NONCE));
                return cipher.doFinal(sealed, NONCE, sealed.length - NONCE);
            }
            catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static byte[] sha256(String purpose, String caller, String key) {
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                for (String part : new String[] {purpose, caller, key}) {
                    digest.update(part.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                }
                return digest.digest();
            }
            catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The request with its body already read, so that the handler can read it again. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    try {
                        return in.available() == 0;
                    }
                    catch (IOException e) {
                        return true;
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            String encoding = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), java.nio.charset.Charset.forName(encoding)));
        }
    }
}

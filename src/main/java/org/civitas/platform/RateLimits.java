package org.civitas.platform;

import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A module states which of its requests are rate-limited by contributing one of these beans, as it
 * states who may call them with {@link EndpointAccess}. The platform counts every matching request in
 * a token bucket kept in PostgreSQL (so the limit holds across nodes) before security or the handler
 * runs, and answers a request over the limit with 429 and {@code Retry-After} in the surface's own
 * error format (the error page, problem+json under /api, Open311's error array under /open311).
 * <p>
 * A limit's capacity and window come from {@code civitas.rate-limit.<name>}, so from the environment
 * variable {@code CIVITAS_RATE_LIMIT_<NAME>} (upper case, dashes as underscores), written
 * {@code <requests>/<window>} such as {@code 10/1m}; the default is the one claimed here.
 */
@FunctionalInterface
public interface RateLimits {

    void claim(Claims claims);

    /** Where a module claims its limits. */
    interface Claims {

        /**
         * Counts requests with this method whose path matches {@code pathPattern} (a Spring path
         * pattern such as {@code /track/*}{@code /satisfaction}) against the limit {@code name}, per
         * {@code subject}.
         *
         * @param name     lower case words with dashes, such as {@code sign-in}; names the setting
         * @param requests how many requests a subject may make in a window (the bucket's capacity)
         * @param window   how long the bucket takes to refill completely
         */
        Claims limit(String name, String method, String pathPattern, long requests, Duration window, Subject subject);
    }

    /**
     * Whom a request counts against. Empty means the client's address (behind a proxy, the address
     * the proxy reports when {@code CIVITAS_FORWARD_HEADERS} trusts it). A subject is an opaque id
     * (an API key's id), never personal data; it is stored only as an HMAC.
     */
    @FunctionalInterface
    interface Subject {

        /** Every request counts against its client address. */
        Subject ADDRESS = request -> Optional.empty();

        Optional<String> of(HttpServletRequest request);
    }
}

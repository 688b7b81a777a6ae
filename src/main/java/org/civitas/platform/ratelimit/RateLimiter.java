package org.civitas.platform.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;

/**
 * Takes one request from a limit's bucket for one subject. The bucket's id is the limit's name and an
 * HMAC of the subject (a client address is personal data, and the address space is small enough to
 * try every one against a plain hash), so the table names no address and no key.
 */
public final class RateLimiter {

    /** A limit: {@code requests} per {@code window}, refilled gradually (a request comes back every window / requests). */
    public record Limit(String name, long requests, Duration window) {

        public Limit {
            if (requests < 1 || window.isZero() || window.isNegative()) {
                throw new IllegalArgumentException("a rate limit needs at least one request in a positive window: " + name);
            }
        }

        BucketConfiguration bucket() {
            return BucketConfiguration.builder()
                    .addLimit(limit -> limit.capacity(requests).refillGreedy(requests, window))
                    .build();
        }
    }

    /** The answer: allowed, or refused with how long to wait before the next request is allowed. */
    public record Decision(boolean allowed, long remaining, Duration retryAfter) {

        /** Whole seconds to wait, at least one (the value of {@code Retry-After}). */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    /** Bucket proxies this node keeps at most (each batches the concurrent requests of its bucket). */
    private static final int KEPT = 20_000;

    private final PostgresBuckets buckets;
    private final byte[] subjectKey;
    /** One keyed MAC per thread: initialising one for every request would cost more than using it. */
    private final ThreadLocal<Mac> macs;
    private final ConcurrentMap<String, BucketProxy> proxies = new ConcurrentHashMap<>();

    RateLimiter(PostgresBuckets buckets, byte[] subjectKey) {
        this.buckets = buckets;
        this.subjectKey = subjectKey.clone();
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(subjectKey, "HmacSHA256"));
            return mac;
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public Decision take(Limit limit, String subject) {
        String id = id(limit.name(), subject);
        BucketProxy bucket = proxies.get(id);
        if (bucket == null) {
            if (proxies.size() >= KEPT) {
                proxies.clear();
            }
            BucketConfiguration configuration = limit.bucket();
            // batching: requests for one bucket that arrive while its statement runs go together in the next one
            bucket = proxies.computeIfAbsent(id, any -> buckets.builder().withOptimization(Optimizations.batching())
                    .build(any, () -> configuration));
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return new Decision(probe.isConsumed(), probe.getRemainingTokens(), Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private String id(String name, String subject) {
        byte[] digest = macs.get().doFinal((name + "\u0000" + subject).getBytes(StandardCharsets.UTF_8));
        return name + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 18));
    }
}

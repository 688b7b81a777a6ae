package org.civitas.platform.ratelimit;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes buckets that have refilled completely (a missing bucket is a full one), so the table holds
 * only the subjects of the last window. Every node may run it: deleting the same rows twice is harmless.
 */
@Component
class RateLimitCleaner {

    private final PostgresBuckets buckets;

    RateLimitCleaner(PostgresBuckets buckets) {
        this.buckets = buckets;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${civitas.rate-limit.clean-every:PT5M}")
    int removeExpired() {
        return buckets.removeExpired();
    }
}

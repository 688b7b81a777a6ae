package org.civitas.platform.idempotency;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets kept answers a day after they were given: retries come within minutes, and the table would
 * otherwise grow with every POST that carried a key. Every node may run it: deleting the same old rows
 * twice is harmless.
 */
@Component
public class IdempotencyRetention {

    public static final Duration KEPT = Duration.ofHours(24);

    private final JdbcClient jdbc;
    private final Clock clock;

    IdempotencyRetention(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Deletes the answers older than {@link #KEPT}; how many it deleted. */
    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
    public int forgetOld() {
        return jdbc.sql("delete from platform.idempotency where created_at < ?")
                .param(Timestamp.from(clock.instant().minus(KEPT))).update();
    }
}

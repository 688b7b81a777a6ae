package org.civitas.trust.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The time in every audit entry and signed checkpoint is written by hand; it must be the formatter's text exactly. */
class CheckpointTimeTest {

    private static final DateTimeFormatter FORMATTER = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Test
    void theSameTextAsTheFormatterForEveryKindOfInstant() {
        Random random = new Random(20261128);
        long min = Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("+10100-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(min + (long) (random.nextDouble() * (max - min)), random.nextInt(1_000_000_000));
            assertThat(Checkpoint.time(instant)).as("%s", instant).isEqualTo(FORMATTER.format(instant));
        }
        for (String edge : new String[] {"1970-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
                "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59.5Z", "2026-11-28T19:30:00.000999Z", "2024-02-29T12:00:00.1Z"}) {
            Instant instant = Instant.parse(edge);
            assertThat(Checkpoint.time(instant)).as(edge).isEqualTo(FORMATTER.format(instant));
        }
    }
}

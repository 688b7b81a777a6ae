package org.civitas.platform.input;

import java.time.OffsetDateTime;
import java.time.ZoneId;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any text: a date-time that every later step can use (turned into an instant and shown in any
 * time zone without an exception), or a rule.
 */
class DateTimesFuzzTest {

    private static final ZoneId[] ZONES = {ZoneId.of("Europe/London"), ZoneId.of("Pacific/Kiritimati"), ZoneId.of("Etc/GMT+12")};

    @FuzzTest(maxDuration = "4s")
    void anyTextIsAUsableDateTimeOrARule(FuzzedDataProvider data) {
        ZoneId zone = data.pickValue(ZONES);
        String text = data.consumeRemainingAsString();
        Parsed<OffsetDateTime> parsed = Fuzzing.withinASecond(text, () -> DateTimes.parseOffset(text));
        assertThat(parsed.ok()).isNotEqualTo(parsed.refusal().isPresent());
        if (parsed.ok()) {
            assertThat(parsed.get().getYear()).isBetween(Dates.MIN_YEAR, Dates.MAX_YEAR);
            assertThat(parsed.get().atZoneSameInstant(zone).toLocalDate()).isNotNull();
            assertThat(DateTimes.parse(text).get()).isEqualTo(parsed.get().toInstant());
        }
    }
}

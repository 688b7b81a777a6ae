package org.civitas.platform.input;

import java.time.LocalDate;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Any text, or any three boxes of a date input: a real date in the years allowed, or a rule. */
class DatesFuzzTest {

    @FuzzTest(maxDuration = "4s")
    void anyTextIsARealDateOrARule(FuzzedDataProvider data) {
        String day = data.consumeString(40);
        String month = data.consumeString(40);
        String year = data.consumeString(40);
        String iso = data.consumeRemainingAsString();
        for (Parsed<LocalDate> parsed : java.util.List.of(
                Fuzzing.withinASecond(day + month + year, () -> Dates.of(day, month, year)), Fuzzing.withinASecond(iso, () -> Dates.parse(iso)))) {
            assertThat(parsed.ok()).isNotEqualTo(parsed.refusal().isPresent());
            parsed.toOptional().ifPresent(date -> assertThat(date.getYear()).isBetween(Dates.MIN_YEAR, Dates.MAX_YEAR));
        }
        Dates.parse(iso).toOptional().ifPresent(date -> assertThat(date.toString()).isEqualTo(iso.strip()));
    }
}

package org.civitas.platform.input;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any text and any bounds: the parser answers a value within the bounds that Long.parseLong agrees
 * with, or a rule; never an exception, never more than a second (Fuzzing.withinASecond). Fuzzed for a few seconds in every build (pom: the fuzz profile); in a plain
 * -Dtest run it replays the empty input and the findings under WholeNumbersFuzzTestInputs.
 */
class WholeNumbersFuzzTest {

    @FuzzTest(maxDuration = "4s")
    void anyTextIsAValueWithinBoundsOrARule(FuzzedDataProvider data) {
        long a = data.consumeLong();
        long b = data.consumeLong();
        long min = Math.min(a, b);
        long max = Math.max(a, b);
        String text = data.consumeRemainingAsString();
        Parsed<Long> parsed = Fuzzing.withinASecond(text, () -> WholeNumbers.parse(text, min, max));
        assertThat(parsed.ok()).isNotEqualTo(parsed.refusal().isPresent());
        if (parsed.ok()) {
            assertThat(parsed.get()).isBetween(min, max);
            String trimmed = text.strip();
            assertThat(Long.parseLong(trimmed.startsWith("+") ? trimmed.substring(1) : trimmed)).isEqualTo(parsed.get());
            assertThat(trimmed.chars().allMatch(c -> c == '+' || c == '-' || (c >= '0' && c <= '9'))).isTrue();
        }
    }
}

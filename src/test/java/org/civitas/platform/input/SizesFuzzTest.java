package org.civitas.platform.input;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Any text: a size from 0 to the maximum asked for, or a rule. */
class SizesFuzzTest {

    @FuzzTest(maxDuration = "4s")
    void anyTextIsASizeWithinItsMaximumOrARule(FuzzedDataProvider data) {
        long max = data.consumeLong(0, Long.MAX_VALUE);
        String text = data.consumeRemainingAsString();
        Parsed<Long> parsed = Fuzzing.withinASecond(text, () -> Sizes.parse(text, max));
        assertThat(parsed.ok()).isNotEqualTo(parsed.refusal().isPresent());
        parsed.toOptional().ifPresent(size -> assertThat(size).isBetween(0L, max));
    }
}

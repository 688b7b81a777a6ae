package org.civitas.platform.input;

import java.math.BigDecimal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any text: a number within the bounds and decimal places asked for, or a rule; never an exception
 * and never a slow input (1e-40000000 once cost 20 seconds).
 */
class DecimalsFuzzTest {

    private static final BigDecimal MIN = new BigDecimal("-180");
    private static final BigDecimal MAX = new BigDecimal("1000000000000000");

    @FuzzTest(maxDuration = "4s")
    void anyTextIsANumberWithinBoundsOrARule(FuzzedDataProvider data) {
        int places = data.consumeInt(0, 12);
        String text = data.consumeRemainingAsString();
        Parsed<BigDecimal> parsed = Fuzzing.withinASecond(text, () -> Decimals.parse(text, MIN, MAX, places));
        assertThat(parsed.ok()).isNotEqualTo(parsed.refusal().isPresent());
        if (parsed.ok()) {
            BigDecimal value = parsed.get();
            assertThat(value).isBetween(MIN, MAX);
            assertThat(value.stripTrailingZeros().scale()).isLessThanOrEqualTo(Math.max(places, 0));
            assertThat(value.precision()).isLessThanOrEqualTo(Decimals.MAX_LENGTH);
        }
    }
}

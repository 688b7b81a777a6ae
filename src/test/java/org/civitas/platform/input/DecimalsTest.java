package org.civitas.platform.input;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DecimalsTest {

    private static final BigDecimal MIN = new BigDecimal("-1000000");
    private static final BigDecimal MAX = new BigDecimal("1000000");

    private static Parsed<BigDecimal> parse(String text) {
        return Decimals.parse(text, MIN, MAX, 6);
    }

    @Test
    void readsDecimalNumbers() {
        assertThat(parse("12.5").get()).isEqualByComparingTo("12.5");
        assertThat(parse(" -0.25 ").get()).isEqualByComparingTo("-0.25");
        assertThat(parse("+.5").get()).isEqualByComparingTo("0.5");
        assertThat(parse("5.").get()).isEqualByComparingTo("5");
        assertThat(parse("1.5e3").get()).isEqualByComparingTo("1500");
        assertThat(parse("15E-1").get()).isEqualByComparingTo("1.5");
        assertThat(parse("1.500000000").get()).as("trailing zeros are not decimal places").isEqualByComparingTo("1.5");
        assertThat(parse("0e-99999999").get()).as("zero, however written").isEqualByComparingTo("0");
    }

    @Test
    void refusesHugeExponentsBeforeAnyArithmetic() {
        assertThat(parse("1e-40000000")).isEqualTo(Parsed.refused(Rule.TOO_MANY_DECIMAL_PLACES));
        assertThat(parse("1e-2000000000")).isEqualTo(Parsed.refused(Rule.TOO_MANY_DECIMAL_PLACES));
        assertThat(parse("1e99999999999999")).isEqualTo(Parsed.refused(Rule.ABOVE_MAXIMUM));
        assertThat(parse("-1e99999999999999")).isEqualTo(Parsed.refused(Rule.BELOW_MINIMUM));
        assertThat(parse("1e999")).isEqualTo(Parsed.refused(Rule.ABOVE_MAXIMUM));
        assertThat(parse("1e-999")).isEqualTo(Parsed.refused(Rule.TOO_MANY_DECIMAL_PLACES));
    }

    @Test
    void namesTheBoundBroken() {
        assertThat(parse("1000000.1")).isEqualTo(Parsed.refused(Rule.ABOVE_MAXIMUM));
        assertThat(parse("-1000000.1")).isEqualTo(Parsed.refused(Rule.BELOW_MINIMUM));
        assertThat(parse("0.0000001")).isEqualTo(Parsed.refused(Rule.TOO_MANY_DECIMAL_PLACES));
        assertThat(parse("1000000").get()).isEqualByComparingTo("1000000");
    }

    @Test
    void refusesWhatIsNotADecimalNumber() {
        for (String text : new String[] {"NaN", "Infinity", "-Infinity", "1,5", "1.2.3", "e5", "1e", "1e+", ".", "-", "0x1p3", "1_000",
                "١٢", "1 2", "1e5.5", "12abc", "1.5d", "1.5f"}) {
            assertThat(parse(text)).as(text).isEqualTo(Parsed.refused(Rule.NOT_A_NUMBER));
        }
    }

    @Test
    void refusesLongTextUnread() {
        assertThat(parse("1".repeat(41))).isEqualTo(Parsed.refused(Rule.TOO_LONG));
        assertThat(parse("9".repeat(1_000_000))).isEqualTo(Parsed.refused(Rule.TOO_LONG));
        assertThat(parse(null)).isEqualTo(Parsed.refused(Rule.REQUIRED));
        assertThat(parse(" ")).isEqualTo(Parsed.refused(Rule.REQUIRED));
    }
}

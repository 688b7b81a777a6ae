package org.civitas.platform.input;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WholeNumbersTest {

    @Test
    void readsWholeNumbersWithinTheirRange() {
        assertThat(WholeNumbers.parse("42", 0, 100)).isEqualTo(Parsed.value(42L));
        assertThat(WholeNumbers.parse(" +7 ", 0, 100)).isEqualTo(Parsed.value(7L));
        assertThat(WholeNumbers.parse("-3", -5, 5)).isEqualTo(Parsed.value(-3L));
        assertThat(WholeNumbers.parse("007", 0, 100)).isEqualTo(Parsed.value(7L));
        assertThat(WholeNumbers.parse("9223372036854775807", Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(Parsed.value(Long.MAX_VALUE));
        assertThat(WholeNumbers.parse("-9223372036854775808", Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(Parsed.value(Long.MIN_VALUE));
    }

    @Test
    void namesTheBoundBroken() {
        assertThat(WholeNumbers.parse("0", 1, 100)).isEqualTo(Parsed.refused(Rule.BELOW_MINIMUM));
        assertThat(WholeNumbers.parse("101", 1, 100)).isEqualTo(Parsed.refused(Rule.ABOVE_MAXIMUM));
        assertThat(WholeNumbers.parse("-1", 0, 100)).isEqualTo(Parsed.refused(Rule.BELOW_MINIMUM));
    }

    @Test
    void refusesWhatOverflowsALongWithoutThrowing() {
        assertThat(WholeNumbers.parse("9223372036854775808", Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(Parsed.refused(Rule.ABOVE_MAXIMUM));
        assertThat(WholeNumbers.parse("-9223372036854775809", Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(Parsed.refused(Rule.BELOW_MINIMUM));
        assertThat(WholeNumbers.parse("99999999999999999999", 0, 10)).isEqualTo(Parsed.refused(Rule.ABOVE_MAXIMUM));
        assertThat(WholeNumbers.parseInt("2147483648", 1, Integer.MAX_VALUE)).isEqualTo(Parsed.refused(Rule.ABOVE_MAXIMUM));
    }

    @Test
    void refusesLongTextUnread() {
        assertThat(WholeNumbers.parse("1".repeat(21), 0, 10)).isEqualTo(Parsed.refused(Rule.TOO_LONG));
        assertThat(WholeNumbers.parse("1".repeat(1_000_000), 0, 10)).isEqualTo(Parsed.refused(Rule.TOO_LONG));
        assertThat(WholeNumbers.parse(" ".repeat(1_000_000), 0, 10)).isEqualTo(Parsed.refused(Rule.TOO_LONG));
    }

    @Test
    void refusesWhatIsNotWrittenInAsciiDigits() {
        assertThat(WholeNumbers.parse("١٢", 0, 100)).as("Arabic-Indic digits, which Long.parseLong reads")
                .isEqualTo(Parsed.refused(Rule.NOT_A_WHOLE_NUMBER));
        assertThat(WholeNumbers.parse("1.0", 0, 100)).isEqualTo(Parsed.refused(Rule.NOT_A_WHOLE_NUMBER));
        assertThat(WholeNumbers.parse("1e3", 0, 10000)).isEqualTo(Parsed.refused(Rule.NOT_A_WHOLE_NUMBER));
        assertThat(WholeNumbers.parse("+", 0, 100)).isEqualTo(Parsed.refused(Rule.NOT_A_WHOLE_NUMBER));
        assertThat(WholeNumbers.parse("--1", -5, 100)).isEqualTo(Parsed.refused(Rule.NOT_A_WHOLE_NUMBER));
        assertThat(WholeNumbers.parse("0x10", 0, 100)).isEqualTo(Parsed.refused(Rule.NOT_A_WHOLE_NUMBER));
        assertThat(WholeNumbers.parse("1\u00002", 0, 100)).isEqualTo(Parsed.refused(Rule.NOT_A_WHOLE_NUMBER));
    }

    @Test
    void blankIsRequiredOrTheDefault() {
        assertThat(WholeNumbers.parse(null, 0, 1)).isEqualTo(Parsed.refused(Rule.REQUIRED));
        assertThat(WholeNumbers.parse("  ", 0, 1)).isEqualTo(Parsed.refused(Rule.REQUIRED));
        assertThat(WholeNumbers.parseInt(" ", 1, 10, 5)).isEqualTo(Parsed.value(5));
        assertThat(WholeNumbers.parseInt(null, 1, 10, 5)).isEqualTo(Parsed.value(5));
    }

    @Test
    void aRefusalBecomesAViolationOfTheField() {
        assertThat(WholeNumbers.parse("x", 0, 1).violation("page").messageKey()).isEqualTo("input.rule.wholeNumber");
        assertThat(WholeNumbers.parse("x", 0, 1).violation("page").field()).isEqualTo("page");
    }
}

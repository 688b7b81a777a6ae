package org.civitas.platform.input;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PagingTest {

    @Test
    void pagesCountFromOneAndStopAtTheirMaximum() {
        assertThat(Paging.page(null)).isEqualTo(Parsed.value(1));
        assertThat(Paging.page("3")).isEqualTo(Parsed.value(3));
        assertThat(Paging.page("0")).isEqualTo(Parsed.refused(Rule.BELOW_MINIMUM));
        assertThat(Paging.page("1000001")).isEqualTo(Parsed.refused(Rule.ABOVE_MAXIMUM));
        assertThat(Paging.page("2147483648")).isEqualTo(Parsed.refused(Rule.ABOVE_MAXIMUM));
        assertThat(Paging.page("1e3")).isEqualTo(Parsed.refused(Rule.NOT_A_WHOLE_NUMBER));
    }

    @Test
    void sizesHaveADefaultAndAMaximum() {
        assertThat(Paging.size("", 20, 100)).isEqualTo(Parsed.value(20));
        assertThat(Paging.size("100", 20, 100)).isEqualTo(Parsed.value(100));
        assertThat(Paging.size("101", 20, 100)).isEqualTo(Parsed.refused(Rule.ABOVE_MAXIMUM));
        assertThat(Paging.size("-1", 20, 100)).isEqualTo(Parsed.refused(Rule.BELOW_MINIMUM));
    }

    @Test
    void theOffsetOfTheLastPageDoesNotOverflow() {
        assertThat(Paging.offset(Integer.MAX_VALUE, 1000)).isEqualTo(2_147_483_646_000L);
        assertThat(Paging.offset(1, 20)).isZero();
    }

    @Test
    void sizesAreWholeNumbersFromZero() {
        assertThat(Sizes.parse("0", 10)).isEqualTo(Parsed.value(0L));
        assertThat(Sizes.parse("11", 10)).isEqualTo(Parsed.refused(Rule.ABOVE_MAXIMUM));
        assertThat(Sizes.parse("-1", 10)).isEqualTo(Parsed.refused(Rule.BELOW_MINIMUM));
        assertThat(Sizes.parse("9223372036854775807", Long.MAX_VALUE)).isEqualTo(Parsed.value(Long.MAX_VALUE));
    }
}

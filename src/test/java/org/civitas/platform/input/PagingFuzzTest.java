package org.civitas.platform.input;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Any page and size: a page from 1 and a size within its maximum whose offset is exact, or a rule. */
class PagingFuzzTest {

    @FuzzTest(maxDuration = "4s")
    void anyPageAndSizeIsUsableOrARule(FuzzedDataProvider data) {
        int maxSize = data.consumeInt(1, 10_000);
        int maxPage = data.consumeInt(1, Integer.MAX_VALUE);
        String page = data.consumeString(100);
        String size = data.consumeRemainingAsString();
        Parsed<Integer> number = Fuzzing.withinASecond(page, () -> Paging.page(page, maxPage));
        Parsed<Integer> length = Fuzzing.withinASecond(size, () -> Paging.size(size, 1, maxSize));
        if (number.ok()) {
            assertThat(number.get()).isBetween(1, maxPage);
        }
        if (length.ok()) {
            assertThat(length.get()).isBetween(1, maxSize);
        }
        if (number.ok() && length.ok()) {
            long offset = Paging.offset(number.get(), length.get());
            assertThat(offset).isGreaterThanOrEqualTo(0).isEqualTo(java.math.BigInteger.valueOf(number.get() - 1L)
                    .multiply(java.math.BigInteger.valueOf(length.get())).longValueExact());
        }
    }
}

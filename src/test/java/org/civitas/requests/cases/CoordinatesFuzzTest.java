package org.civitas.requests.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.civitas.requests.cases.Coordinates.Axis;
import org.civitas.requests.cases.Coordinates.Reason;
import org.civitas.requests.cases.Coordinates.Refused;
import org.civitas.requests.cases.Coordinates.Valid;

/**
 * Whatever text comes in, the parser answers without an exception: either a coordinate within the
 * axis's range with exactly six decimals, or a refusal; and anything it accepts is what BigDecimal
 * reads from the same text, rounded. Run as a regression test from the seeds, fuzzed for a bounded
 * time when fuzzing is on.
 */
class CoordinatesFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void anyTextIsACoordinateInRangeOrRefused(String text) {
        for (Axis axis : Axis.values()) {
            Coordinates.Parsed parsed = Coordinates.parse(text, axis);
            if (parsed instanceof Valid valid) {
                assertThat(valid.degrees().scale()).isEqualTo(Coordinates.DECIMALS);
                assertThat(valid.degrees().abs()).isLessThanOrEqualTo(BigDecimal.valueOf(axis.limit()));
                assertThat(text.trim().length()).isLessThanOrEqualTo(Coordinates.MAX_LENGTH);
                assertThat(new BigDecimal(text.trim()).setScale(Coordinates.DECIMALS, java.math.RoundingMode.HALF_UP))
                        .isEqualTo(valid.degrees());
                assertThat(text.toLowerCase()).doesNotContain("e");
            } else {
                assertThat(parsed).isIn(new Refused(Reason.NUMBER), new Refused(Reason.RANGE));
            }
        }
    }
}

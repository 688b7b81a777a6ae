package org.civitas.requests.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.civitas.requests.cases.Coordinates.Axis;
import org.civitas.requests.cases.Coordinates.Reason;
import org.civitas.requests.cases.Coordinates.Refused;
import org.civitas.requests.cases.Coordinates.Valid;
import org.junit.jupiter.api.Test;

class CoordinatesTest {

    @Test
    void plainDecimalsWithinRangeAreRoundedToSixDecimals() {
        assertThat(Coordinates.latitude("51.4613")).isEqualTo(new Valid(new BigDecimal("51.461300")));
        assertThat(Coordinates.longitude(" -0.3037 ")).isEqualTo(new Valid(new BigDecimal("-0.303700")));
        assertThat(Coordinates.latitude("+90")).isEqualTo(new Valid(new BigDecimal("90.000000")));
        assertThat(Coordinates.longitude("-180.000000000000")).isEqualTo(new Valid(new BigDecimal("-180.000000")));
        assertThat(Coordinates.latitude("51.50735090000001")).as("a phone's GPS, 14 decimals")
                .isEqualTo(new Valid(new BigDecimal("51.507351")));
        assertThat(Coordinates.latitude("0.0000005")).isEqualTo(new Valid(new BigDecimal("0.000001")));
    }

    @Test
    void beyondTheAxisIsOutOfRange() {
        assertThat(Coordinates.latitude("91")).isEqualTo(new Refused(Reason.RANGE));
        assertThat(Coordinates.latitude("-90.0000001")).isEqualTo(new Refused(Reason.RANGE));
        assertThat(Coordinates.longitude("180.000001")).isEqualTo(new Refused(Reason.RANGE));
        assertThat(Coordinates.longitude("999")).isEqualTo(new Refused(Reason.RANGE));
        assertThat(Coordinates.parse("90.0000004", Axis.LATITUDE)).as("the range is checked before rounding")
                .isEqualTo(new Refused(Reason.RANGE));
    }

    @Test
    void exponentsNonFiniteValuesAndOtherFormsAreNotNumbers() {
        for (String text : new String[] {null, "", "   ", "1e-40000000", "1e-2000000000", "1E2", "5e1", "NaN", "Infinity", "-Infinity",
                "0x1p3", "east", "51,46", "51.", ".5", "-", "+", "--1", "1000", "0090", "51.4.6", "51 .4", "٥١.٤", "51.4613d",
                "1.1234567890123456", "12345678901234567890123"}) {
            assertThat(Coordinates.latitude(text)).as("[%s]", text).isEqualTo(new Refused(Reason.NUMBER));
        }
    }

    @Test
    void anOverlongTextIsRefusedBeforeItIsRead() {
        String longest = "-12." + "1".repeat(Coordinates.MAX_INPUT_DECIMALS);
        assertThat(Coordinates.latitude(longest)).isInstanceOf(Valid.class);
        assertThat(Coordinates.latitude(longest + "1")).isEqualTo(new Refused(Reason.NUMBER));
        assertThat(Coordinates.latitude("1".repeat(1_000_000))).isEqualTo(new Refused(Reason.NUMBER));
    }
}

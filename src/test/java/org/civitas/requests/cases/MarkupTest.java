package org.civitas.requests.cases;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkupTest {

    @Test
    void textBetweenAngleBracketsIsMarkup() {
        assertThat(Markup.in("<script>alert(1)</script>")).isTrue();
        assertThat(Markup.in("a <b>bold</b> word")).isTrue();
        assertThat(Markup.in("<!-- hidden -->")).isTrue();
        assertThat(Markup.in("a < b and c > d")).as("what the error message says: text between < and >").isTrue();
    }

    @Test
    void plainTextIsNot() {
        assertThat(Markup.in("The hole is > 10 cm deep")).isFalse();
        assertThat(Markup.in("less than 5 < 10")).isFalse();
        assertThat(Markup.in("")).isFalse();
        assertThat(Markup.in(null)).isFalse();
    }
}

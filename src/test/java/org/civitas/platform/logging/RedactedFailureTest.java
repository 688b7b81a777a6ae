package org.civitas.platform.logging;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactedFailureTest {

    @Test
    void keepsTypesFramesAndSqlStateButNoMessage() {
        SQLException database = new SQLException("new row violates check constraint; Failing row contains (ada.marker@example.org)", "23514");
        IllegalStateException failure = new IllegalStateException("could not store ada.marker@example.org", database);

        RedactedFailure redacted = RedactedFailure.of(failure);

        assertThat(redacted.getMessage()).isEqualTo("java.lang.IllegalStateException").doesNotContain("marker");
        assertThat(redacted.getStackTrace()).isEqualTo(failure.getStackTrace());
        assertThat(redacted.getCause().getMessage()).isEqualTo("java.sql.SQLException (SQL state 23514)");
        assertThat(redacted.getCause().getStackTrace()).isEqualTo(database.getStackTrace());
        assertThat(redacted.getCause().getCause()).isNull();
    }
}

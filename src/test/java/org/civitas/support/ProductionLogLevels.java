package org.civitas.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For the tests that look for personal data in the log: they only prove something when they capture
 * what production writes, INFO for the root logger and for org.civitas (application.yml). A test
 * configuration that quietens the log to WARN would let an INFO line with a name in it pass unseen.
 */
public final class ProductionLogLevels {

    private ProductionLogLevels() {
    }

    public static void assertCapturedAtProductionLevels() {
        assertThat(LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME).isInfoEnabled()).as("root logger at INFO, as in production").isTrue();
        assertThat(LoggerFactory.getLogger("org.civitas").isInfoEnabled()).as("org.civitas at INFO, as in production").isTrue();
        assertThat(LoggerFactory.getLogger("org.springframework.web").isInfoEnabled()).as("libraries at INFO, as in production").isTrue();
    }
}

package org.civitas.platform.logging;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class LogFormatTest {

    @Test
    void plainTextUnlessAskedForJson() {
        assertThat(formatFor(Map.of())).isNull();
        assertThat(formatFor(Map.of("CIVITAS_LOG_FORMAT", "plain"))).isNull();
    }

    @Test
    void oneSettingSwitchesTheConsoleToJsonLines() {
        assertThat(formatFor(Map.of("CIVITAS_LOG_FORMAT", "json"))).isEqualTo("logstash");
        assertThat(formatFor(Map.of("CIVITAS_LOG_FORMAT", " JSON "))).isEqualTo("logstash");
    }

    private static String formatFor(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        new LogFormatEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty("logging.structured.format.console");
    }
}

package org.civitas.platform.logging;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code CIVITAS_LOG_FORMAT=json} switches the console to one JSON object a line (Logstash's
 * layout, which log shippers read without configuration). Runs before the logging system starts.
 */
public class LogFormatEnvironmentPostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty("CIVITAS_LOG_FORMAT", environment.getProperty("civitas.log-format", "plain"));
        if ("json".equalsIgnoreCase(format.trim())) {
            environment.getPropertySources().addFirst(new MapPropertySource("civitasLogFormat",
                    Map.of("logging.structured.format.console", "logstash")));
        }
    }
}

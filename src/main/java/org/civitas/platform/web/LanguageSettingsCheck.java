package org.civitas.platform.web;

import org.civitas.platform.Languages;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Checks {@code CIVITAS_LANGUAGES} and {@code CIVITAS_DEFAULT_LANGUAGE} before anything starts (the
 * embedded database included): a wrong value stops start-up with a message naming the variable.
 */
public class LanguageSettingsCheck implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Languages.of(environment.getProperty("civitas.languages", "en,cy"), environment.getProperty("civitas.default-language", "en"));
    }
}

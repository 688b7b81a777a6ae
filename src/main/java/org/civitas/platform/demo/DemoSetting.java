package org.civitas.platform.demo;

import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Whether the deployer set {@code CIVITAS_DEMO} themselves, or the demo is on by default. The
 * default (on) suits the one-command start on the embedded database; on a database the body gave
 * us ({@code CIVITAS_DATABASE_URL}) seeding Riverside's accounts with an all-scope API key would be
 * a trap, so there the demo must be asked for by name (decision 0019).
 */
public final class DemoSetting {

    /** application.yml's own line; a value anywhere else (environment, command line, system property, a config file) was set by someone. */
    private static final String DEFAULT_PLACEHOLDER = "${CIVITAS_DEMO";

    private DemoSetting() {
    }

    public static boolean setExplicitly(Environment environment) {
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            return false;
        }
        for (PropertySource<?> source : configurable.getPropertySources()) {
            if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
                continue; // a view over all the others
            }
            Object raw = source.getProperty("civitas.demo");
            if (raw == null) {
                raw = source.getProperty("CIVITAS_DEMO");
            }
            if (raw != null) {
                return !raw.toString().startsWith(DEFAULT_PLACEHOLDER);
            }
        }
        return false;
    }

    /**
     * Refuses to start (before anything touches the database) when the demo would be seeded into an
     * external database by default rather than by the deployer's explicit {@code CIVITAS_DEMO=true}.
     */
    public static void checkExternalDatabase(Environment environment, boolean demo) {
        if (demo && !setExplicitly(environment)) {
            throw new IllegalStateException("CIVITAS_DATABASE_URL is set but CIVITAS_DEMO is not. On a database of your own, "
                    + "set CIVITAS_DEMO=false for a real install (with CIVITAS_INITIAL_ADMIN_EMAIL for the first administrator), "
                    + "or CIVITAS_DEMO=true to seed the demo body into it on purpose.");
        }
    }
}

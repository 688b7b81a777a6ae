package org.civitas.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Properties;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * Serves static files through Spring's resource chain. Each file's address carries a hash of its
 * content ({@link PageContext#asset(String)} gives it), so it can be cached for a year and never
 * revalidated: a changed file gets a new address.
 * <ul>
 * <li>{@code /assets/govuk/**}: GOV.UK Frontend's {@code dist/govuk} folder from its webjar, with
 * GDS Transport taken out of the style sheet ({@link GovukStylesTransformer});</li>
 * <li>{@code /assets/**}: Civitas's own files in {@code static/assets};</li>
 * <li>{@code /favicon.ico}: fixed address, so cached for a day only.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class WebAssetsConfiguration implements WebMvcConfigurer {

    /** The version of the GOV.UK Frontend webjar on the class path, so upgrading it is a pom change only. */
    static final String GOVUK_FRONTEND_VERSION = webjarVersion("govuk-frontend");
    static final String GOVUK_FRONTEND_LOCATION =
            "classpath:/META-INF/resources/webjars/govuk-frontend/" + GOVUK_FRONTEND_VERSION + "/dist/govuk/";

    private static final CacheControl FOREVER =
            CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    static String webjarVersion(String artifact) {
        String pom = "/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = WebAssetsConfiguration.class.getResourceAsStream(pom)) {
            if (in == null) {
                throw new IllegalStateException("The " + artifact + " webjar is not on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/govuk/**")
                .addResourceLocations(GOVUK_FRONTEND_LOCATION)
                .setCacheControl(FOREVER)
                .resourceChain(true)
                .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"))
                .addTransformer(new GovukStylesTransformer());
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/static/assets/")
                .setCacheControl(FOREVER)
                .resourceChain(true)
                .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
        registry.addResourceHandler("/favicon.ico")
                .addResourceLocations("classpath:/static/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic());
    }
}

package org.civitas.requests.web;

import java.time.Duration;

import org.civitas.platform.EndpointAccess;
import org.civitas.platform.LargerRequestBody;
import org.civitas.requests.photos.Photos;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * Who may call the resident's pages, the larger body the photo upload needs, and Leaflet (from
 * its webjar) for the map on the location page.
 */
@Configuration(proxyBeanMethods = false)
class CitizenWebConfiguration implements WebMvcConfigurer {

    private static final String[] ANY_ROLE = {"ROLE_CITIZEN", "ROLE_CASEWORKER", "ROLE_SERVICE_MANAGER", "ROLE_ADMINISTRATOR"};

    /**
     * Everyone may report, track by reference and give feedback: no account is needed. The
     * satisfaction pages and photos check the person themselves (answered as not found otherwise).
     * "Your requests" needs a signed-in person.
     */
    @Bean
    EndpointAccess residentEndpoints() {
        return endpoints -> endpoints
                .requestMatchers(HttpMethod.GET, "/", "/track", "/track/*", "/feedback", "/photos/*",
                        "/report/*", "/report/*/location", "/report/*/question/*", "/report/*/description", "/report/*/photo",
                        "/report/*/contact", "/report/*/check", "/report/*/confirmation", "/track/*/satisfaction").permitAll()
                .requestMatchers(HttpMethod.POST, "/feedback", "/report/*/location", "/report/*/question/*",
                        "/report/*/description", "/report/*/photo", "/report/*/contact", "/report/*/check",
                        "/track/*/satisfaction").permitAll()
                .requestMatchers(HttpMethod.GET, "/your-requests").hasAnyAuthority(ANY_ROLE);
    }

    /** A photo may be up to {@link Photos#MAX_SIZE}; the form around it adds a little. */
    @Bean
    LargerRequestBody photoUpload() {
        return new LargerRequestBody("/report/{service}/photo", DataSize.ofBytes(Photos.MAX_SIZE.toBytes() + 64 * 1024));
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/leaflet/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/leaflet/1.9.4/dist/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                .resourceChain(true)
                .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
    }
}

package org.civitas.platform.web;

import jakarta.servlet.MultipartConfigElement;

import org.civitas.platform.CivitasProperties;
import org.civitas.platform.EndpointAccess;
import org.civitas.platform.LargerRequestBody;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may call the platform's own pages, and the request limits every surface shares. */
@Configuration(proxyBeanMethods = false)
class PlatformWebConfiguration {

    /**
     * Everyone, signed in or not, may see the start page, the accessibility statement, the privacy
     * notice, the feedback page, static assets, error pages, the favicon and the health check.
     */
    @Bean
    EndpointAccess publicPlatformPages() {
        return endpoints -> endpoints
                .requestMatchers("/", "/accessibility", "/privacy", "/assets/**", "/error",
                        "/favicon.ico", "/actuator/health", "/actuator/health/**")
                .permitAll();
    }

    /**
     * Multipart bodies are parsed by the server itself, so it needs the same size limit as
     * {@link RequestSizeLimitFilter} applies to everything else (a chunked upload has no length
     * the filter could check first).
     */
    @Bean
    MultipartConfigElement multipartConfigElement(CivitasProperties properties, java.util.List<LargerRequestBody> larger) {
        // the largest any path accepts; RequestSizeLimitFilter holds every other path to its own limit first
        long limit = larger.stream().mapToLong(claim -> claim.limit().toBytes())
                .reduce(properties.maxRequestSize().toBytes(), Math::max);
        return new MultipartConfigElement("", limit, limit, 0);
    }
}

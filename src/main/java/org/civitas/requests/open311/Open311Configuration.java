package org.civitas.requests.open311;

import org.civitas.platform.EndpointAccess;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(Open311Properties.class)
class Open311Configuration {

    /**
     * Open311's reading side is public, as the specification says (no API key for discovery,
     * services and service definitions). Claiming every GET under the base also lets an unknown
     * Open311 address answer 404 in Open311's format rather than a refusal.
     * <p>
     * POST requests and POST servicerequestupdates are open at this level because Open311 clients send their key as the form
     * parameter {@code api_key}, which the handler checks itself (403 in Open311's format for a
     * missing, unknown, revoked or under-scoped key) before it reads anything else.
     */
    @Bean
    EndpointAccess open311Endpoints() {
        return endpoints -> endpoints
                .requestMatchers(HttpMethod.GET, "/open311/v2/**").permitAll()
                .requestMatchers(HttpMethod.POST, "/open311/v2/requests.xml", "/open311/v2/requests.json",
                        "/open311/v2/servicerequestupdates.xml", "/open311/v2/servicerequestupdates.json").permitAll();
    }
}

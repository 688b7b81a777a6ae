package org.civitas.requests.contact;

import org.civitas.identity.Role;
import org.civitas.platform.EndpointAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Contact details are claimed for anyone signed in or holding an API key, ahead of the rest of the
 * staff console: {@link ContactReveal} itself decides, so that a refused citizen or API key is
 * written to the access log rather than turned away before anyone knows.
 */
@Configuration(proxyBeanMethods = false)
class ContactEndpointAccess {

    /** What every request carrying a valid API key has, whatever its scopes. */
    static final String API_CLIENT = "API_CLIENT";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    EndpointAccess contactEndpoints() {
        return endpoints -> endpoints
                .requestMatchers("/staff/cases/*/contact", "/api/v1/cases/*/contact")
                .hasAnyAuthority(Role.CITIZEN.authority(), Role.CASEWORKER.authority(), Role.SERVICE_MANAGER.authority(),
                        Role.ADMINISTRATOR.authority(), API_CLIENT);
    }
}

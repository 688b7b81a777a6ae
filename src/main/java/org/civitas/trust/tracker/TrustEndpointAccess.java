package org.civitas.trust.tracker;

import org.civitas.platform.EndpointAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;

/** A person's own data pages and JSON: anyone signed in with an account (any role), never an API key. */
@Configuration(proxyBeanMethods = false)
class TrustEndpointAccess {

    private static final String[] ANY_ROLE = {"ROLE_CITIZEN", "ROLE_CASEWORKER", "ROLE_SERVICE_MANAGER", "ROLE_ADMINISTRATOR"};

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    EndpointAccess trustEndpoints() {
        return endpoints -> endpoints
                .requestMatchers("/account/data-access", "/account/export", "/account/delete").hasAnyAuthority(ANY_ROLE)
                .requestMatchers(HttpMethod.GET, "/api/v1/me/data-access").hasAnyAuthority(ANY_ROLE);
    }
}

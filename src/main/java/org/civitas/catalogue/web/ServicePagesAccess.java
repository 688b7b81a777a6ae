package org.civitas.catalogue.web;

import org.civitas.platform.EndpointAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may open the service catalogue pages of the staff console: service managers and administrators.
 * {@link ServicePages} then keeps a service manager to the services of their own teams, through the
 * same rule as the catalogue API.
 */
@Configuration(proxyBeanMethods = false)
class ServicePagesAccess {

    @Bean
    EndpointAccess servicePagesEndpoints() {
        return endpoints -> endpoints
                .requestMatchers("/staff/services", "/staff/services/**").hasAnyAuthority("ROLE_SERVICE_MANAGER", "ROLE_ADMINISTRATOR");
    }
}

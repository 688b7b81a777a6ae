package org.civitas.catalogue.api;

import org.civitas.platform.EndpointAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call the catalogue's native API. Staff read the whole catalogue, drafts included; service
 * managers and administrators (and API keys with catalogue.manage) change it, and {@link ServiceManagement}
 * then keeps a service manager to the services of their own teams.
 */
@Configuration(proxyBeanMethods = false)
class CatalogueEndpointAccess {

    static final String ADMINISTRATOR = "ROLE_ADMINISTRATOR";
    static final String SERVICE_MANAGER = "ROLE_SERVICE_MANAGER";
    static final String CASEWORKER = "ROLE_CASEWORKER";
    /** The authority of an API key with the catalogue.manage scope. */
    static final String CATALOGUE_MANAGE = "SCOPE_catalogue.manage";

    @Bean
    EndpointAccess catalogueEndpoints() {
        return endpoints -> endpoints
                .requestMatchers(HttpMethod.GET, "/api/v1/services", "/api/v1/services/**")
                .hasAnyAuthority(CASEWORKER, SERVICE_MANAGER, ADMINISTRATOR, CATALOGUE_MANAGE)
                .requestMatchers(HttpMethod.POST, "/api/v1/services", "/api/v1/services/*/publish", "/api/v1/services/*/retire")
                .hasAnyAuthority(SERVICE_MANAGER, ADMINISTRATOR, CATALOGUE_MANAGE)
                .requestMatchers(HttpMethod.PUT, "/api/v1/services/*")
                .hasAnyAuthority(SERVICE_MANAGER, ADMINISTRATOR, CATALOGUE_MANAGE)
                // bank holidays: administrators only, on the pages and the API
                .requestMatchers("/api/v1/admin/bank-holidays", "/api/v1/admin/bank-holidays/**",
                        "/admin/bank-holidays", "/admin/bank-holidays/**")
                .hasAuthority(ADMINISTRATOR);
    }
}

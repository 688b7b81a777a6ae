package org.civitas.requests.api;

import org.civitas.platform.EndpointAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call the staff case API: staff (then {@link CasesApi} keeps caseworkers and service
 * managers to their teams' cases) and API keys with requests.read (reading) or requests.manage
 * (reading, changing, and entering a request for a resident who phoned or came to the counter). Citizens and anonymous callers are refused.
 */
@Configuration(proxyBeanMethods = false)
class CasesEndpointAccess {

    static final String ADMINISTRATOR = "ROLE_ADMINISTRATOR";
    static final String SERVICE_MANAGER = "ROLE_SERVICE_MANAGER";
    static final String CASEWORKER = "ROLE_CASEWORKER";
    static final String REQUESTS_READ = "SCOPE_requests.read";
    static final String REQUESTS_MANAGE = "SCOPE_requests.manage";

    @Bean
    EndpointAccess caseEndpoints() {
        return endpoints -> endpoints
                .requestMatchers(HttpMethod.GET, "/api/v1/cases", "/api/v1/cases/*")
                .hasAnyAuthority(CASEWORKER, SERVICE_MANAGER, ADMINISTRATOR, REQUESTS_READ, REQUESTS_MANAGE)
                .requestMatchers(HttpMethod.POST, "/api/v1/cases", "/api/v1/cases/*/assign", "/api/v1/cases/*/transition", "/api/v1/cases/*/duplicate")
                .hasAnyAuthority(CASEWORKER, SERVICE_MANAGER, ADMINISTRATOR, REQUESTS_MANAGE);
    }
}

package org.civitas.requests.staff;

import org.civitas.identity.Role;
import org.civitas.platform.EndpointAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may open the staff console's case pages: staff. {@link StaffConsolePages} then keeps caseworkers
 * and service managers to their teams' cases, as the case API does. The contact details page under
 * a case is claimed by the trust work, not here. Entering a request for a resident ({@link StaffRequestPages})
 * is for the same staff, kept to the services of their teams.
 */
@Configuration(proxyBeanMethods = false)
class StaffConsoleAccess {

    private static final String[] STAFF = {
            Role.CASEWORKER.authority(), Role.SERVICE_MANAGER.authority(), Role.ADMINISTRATOR.authority()};

    @Bean
    EndpointAccess staffConsoleEndpoints() {
        return endpoints -> endpoints
                .requestMatchers(HttpMethod.GET, "/staff", "/staff/cases/*", "/staff/requests/new", "/staff/requests/new/*")
                .hasAnyAuthority(STAFF)
                .requestMatchers(HttpMethod.POST, "/staff/requests/new/*").hasAnyAuthority(STAFF)
                .requestMatchers(HttpMethod.POST, "/staff/cases/*/assign", "/staff/cases/*/transition", "/staff/cases/*/duplicate")
                .hasAnyAuthority(STAFF);
    }
}

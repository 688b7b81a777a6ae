package org.civitas.identity.security;

import org.civitas.identity.Role;
import org.civitas.platform.EndpointAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Who may call the identity module's endpoints. */
@Configuration(proxyBeanMethods = false)
class IdentityEndpointAccess {

    private static final String[] ANY_ROLE = {
            Role.CITIZEN.authority(), Role.CASEWORKER.authority(), Role.SERVICE_MANAGER.authority(), Role.ADMINISTRATOR.authority()};

    @Bean
    EndpointAccess identityEndpoints() {
        return endpoints -> endpoints
                .requestMatchers("/sign-in", "/register", "/oauth2/authorization/*", "/login/oauth2/code/*").permitAll()
                .requestMatchers("/sign-in/two-factor").hasAuthority(SignInAuthorities.SECOND_FACTOR_DUE)
                .requestMatchers("/account/two-factor", "/account/two-factor/**")
                .hasAnyAuthority(SignInAuthorities.SECOND_FACTOR_SETUP_DUE, Role.CASEWORKER.authority(),
                        Role.SERVICE_MANAGER.authority(), Role.ADMINISTRATOR.authority())
                .requestMatchers("/account", "/account/**").hasAnyAuthority(ANY_ROLE)
                .requestMatchers("/admin/**").hasRole(Role.ADMINISTRATOR.name())
                .requestMatchers("/api/v1/admin/**").hasRole(Role.ADMINISTRATOR.name())
                .requestMatchers(HttpMethod.GET, "/api/v1/me").hasAnyAuthority(concat(ANY_ROLE, ApiKeyAuthenticationFilter.API_CLIENT_AUTHORITY))
                .requestMatchers("/actuator/prometheus").hasRole(Role.ADMINISTRATOR.name())
                .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**").permitAll();
    }

    private static String[] concat(String[] roles, String extra) {
        String[] all = java.util.Arrays.copyOf(roles, roles.length + 1);
        all[roles.length] = extra;
        return all;
    }
}

package org.civitas.trust.audit;

import org.civitas.platform.EndpointAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Who may call the audit log's endpoints: administrators for the log itself; anyone for its public checkpoint, key and proofs. */
@Configuration(proxyBeanMethods = false)
class AuditEndpointAccess {

    @Bean
    EndpointAccess auditEndpoints() {
        // the role's name as identity grants it (trust may not depend on identity's Role)
        return endpoints -> endpoints.requestMatchers(HttpMethod.GET, "/api/v1/admin/audit/**").hasRole("ADMINISTRATOR")
                .requestMatchers(HttpMethod.GET, "/transparency/checkpoint", "/transparency/key", "/transparency/proof/inclusion",
                        "/transparency/proof/consistency").permitAll();
    }
}

package org.civitas.platform;

import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A module states who may call its endpoints by contributing one of these beans. The security
 * configuration applies every contribution and then denies everything else, so an endpoint that
 * no module claims is closed by default.
 */
@FunctionalInterface
public interface EndpointAccess {

    void configure(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry endpoints);
}

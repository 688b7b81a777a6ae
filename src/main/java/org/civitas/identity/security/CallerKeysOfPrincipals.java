package org.civitas.identity.security;

import java.util.Optional;

import org.civitas.identity.ApiClient;
import org.civitas.identity.CivitasPrincipal;
import org.civitas.platform.CallerKeys;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** A signed-in person by account id, a machine client by API key id: never by e-mail or name. */
@Component
class CallerKeysOfPrincipals implements CallerKeys {

    @Override
    public Optional<String> of(Authentication authentication) {
        Object principal = authentication == null ? null : authentication.getPrincipal();
        if (principal instanceof ApiClient client) {
            return Optional.of("api:" + client.keyId());
        }
        if (principal instanceof CivitasPrincipal person) {
            return Optional.of("account:" + person.accountId());
        }
        return Optional.empty();
    }
}

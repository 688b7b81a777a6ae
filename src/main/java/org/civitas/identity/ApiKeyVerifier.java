package org.civitas.identity;

import java.util.Optional;

/**
 * Checks an API key presented by a machine client (for example Open311's {@code api_key}
 * parameter). Empty when the key is unknown or revoked.
 */
public interface ApiKeyVerifier {

    Optional<ApiClient> verify(String presentedKey);

    /**
     * Makes a verified client the one the current request acts for. Open311 carries its key in a
     * parameter, read after the security filters have run; without this, what the request changes
     * would be recorded (in the audit log) as done by nobody. Lasts until the request ends.
     */
    void actFor(ApiClient client);
}

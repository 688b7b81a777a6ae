package org.civitas.identity;

import java.util.Optional;

/**
 * Checks an API key presented by a machine client (for example Open311's {@code api_key}
 * parameter). Empty when the key is unknown or revoked.
 */
public interface ApiKeyVerifier {

    Optional<ApiClient> verify(String presentedKey);
}

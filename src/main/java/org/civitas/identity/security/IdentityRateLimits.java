package org.civitas.identity.security;

import java.time.Duration;
import java.util.Optional;

import org.civitas.identity.ApiClient;
import org.civitas.identity.ApiKeyVerifier;
import org.civitas.platform.RateLimits;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The identity module's rate limits (issue 12): registration, sign-in and the second factor per client
 * address, and the native API per API key (per address for a caller without one, such as a signed-in
 * person's session). They come before, and on top of, {@link SignInThrottle}'s counts per e-mail.
 */
@Configuration(proxyBeanMethods = false)
class IdentityRateLimits {

    @Bean
    RateLimits identityLimits(ApiKeyVerifier apiKeys) {
        RateLimits.Subject apiKey = request -> {
            String key = ApiKeyAuthenticationFilter.presented(request);
            // an unknown key counts against its address: a made-up key must not buy a fresh bucket
            return key == null || key.isEmpty() ? Optional.empty() : apiKeys.verify(key).map(ApiClient::keyId).map(id -> "api-key " + id);
        };
        return claims -> {
            claims.limit("register", "POST", "/register", 10, Duration.ofHours(1), RateLimits.Subject.ADDRESS)
                    .limit("sign-in", "POST", "/sign-in", 30, Duration.ofMinutes(5), RateLimits.Subject.ADDRESS)
                    .limit("second-factor", "POST", "/sign-in/two-factor", 10, Duration.ofMinutes(5), RateLimits.Subject.ADDRESS)
                    .limit("second-factor", "POST", "/account/two-factor", 10, Duration.ofMinutes(5), RateLimits.Subject.ADDRESS)
                    .limit("second-factor", "POST", "/account/two-factor/replace", 10, Duration.ofMinutes(5), RateLimits.Subject.ADDRESS);
            for (String method : new String[] {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
                claims.limit("api", method, "/api/v1/**", 1200, Duration.ofMinutes(1), apiKey);
            }
        };
    }
}

package org.civitas.requests.web;

import java.time.Duration;
import java.util.Optional;

import org.civitas.identity.ApiClient;
import org.civitas.identity.ApiKeyVerifier;
import org.civitas.platform.RateLimits;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The requests module's rate limits (issue 12): residents' feedback, satisfaction and photo uploads
 * per client address; Open311 POSTs per API key (per address for a call without a valid one) and
 * Open311 reads per address.
 */
@Configuration(proxyBeanMethods = false)
class RequestsRateLimits {

    @Bean
    RateLimits requestsLimits(ApiKeyVerifier apiKeys) {
        RateLimits.Subject open311Key = request -> {
            String key = request.getParameter("api_key");
            // an unknown key counts against its address: a made-up key must not buy a fresh bucket
            return key == null || key.isBlank() ? Optional.empty()
                    : apiKeys.verify(key.trim()).map(ApiClient::keyId).map(id -> "api-key " + id);
        };
        return claims -> claims
                .limit("feedback", "POST", "/feedback", 20, Duration.ofHours(1), RateLimits.Subject.ADDRESS)
                .limit("satisfaction", "POST", "/track/*/satisfaction", 20, Duration.ofHours(1), RateLimits.Subject.ADDRESS)
                .limit("photo", "POST", "/report/*/photo", 30, Duration.ofHours(1), RateLimits.Subject.ADDRESS)
                .limit("open311-post", "POST", "/open311/v2/requests.*", 600, Duration.ofMinutes(1), open311Key)
                .limit("open311-get", "GET", "/open311/**", 1200, Duration.ofMinutes(1), RateLimits.Subject.ADDRESS);
    }
}

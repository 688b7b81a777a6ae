package org.civitas.platform.idempotency;

import java.time.Clock;

import org.civitas.platform.CallerKeys;
import org.civitas.platform.web.ProblemDocuments;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Puts {@link IdempotencyFilter} in front of the native API, after Spring Security's filter chain
 * (order -100), so that it knows the caller and never runs for a request security refuses.
 */
@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    static final int ORDER = 0;

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(JdbcClient jdbc, TransactionTemplate transactions, CallerKeys callers,
                                                                ProblemDocuments problems, MessageSource messages, JsonMapper json,
                                                                Clock clock, org.springframework.web.servlet.LocaleResolver locales) {
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(
                new IdempotencyFilter(jdbc, transactions, callers, problems, messages, json, clock, locales));
        registration.addUrlPatterns("/api/v1/*");
        registration.setOrder(ORDER);
        registration.setName("idempotencyFilter");
        return registration;
    }

    /** Every native API POST states that it takes the header. */
    @Bean
    org.springdoc.core.customizers.OpenApiCustomizer idempotencyKeyHeader() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                io.swagger.v3.oas.models.Operation post = item.getPost();
                if (!path.startsWith("/api/v1/") || post == null || (post.getParameters() != null && post.getParameters().stream()
                        .anyMatch(p -> IdempotencyFilter.HEADER.equalsIgnoreCase(p.getName())))) {
                    return;
                }
                post.addParametersItem(new io.swagger.v3.oas.models.parameters.Parameter()
                        .name(IdempotencyFilter.HEADER).in("header").required(false)
                        .schema(new io.swagger.v3.oas.models.media.StringSchema().minLength(1).maxLength(IdempotencyFilter.MAX_KEY)
                                .pattern("^[\\x21-\\x7E]+$"))
                        .example("3f1d2c4b-5a6e-4f70-8b9c-0d1e2f3a4b5c")
                        .description("Optional: 1 to 255 visible ASCII characters, a new one per change (a UUID does). A retry with the "
                                + "same key and the same request gets the first answer again (header Idempotent-Replayed: true) and "
                                + "changes nothing; the same key with a different request is a 422 naming Idempotency-Key; a "
                                + "malformed key is a 400 naming it."));
            });
        };
    }
}

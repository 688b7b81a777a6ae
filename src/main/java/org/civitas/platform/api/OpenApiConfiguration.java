package org.civitas.platform.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.civitas.platform.CivitasProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The native API's OpenAPI document at /v3/api-docs: what it is, whose it is, and how to authenticate. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String API_KEY = "apiKey";
    static final String SESSION = "session";

    @Bean
    OpenAPI civitasOpenApi(CivitasProperties properties) {
        return new OpenAPI()
                .info(new Info()
                        .title("Civitas API – " + properties.bodyName())
                        .version("v1")
                        .description("""
                                The native JSON API of Civitas. Authenticate with an API key \
                                (`Authorization: ApiKey <key>` or `X-Api-Key: <key>`) created by an administrator, \
                                or with a signed-in session (then send the CSRF token in `X-CSRF-TOKEN` on unsafe methods). \
                                Errors are RFC 9457 `application/problem+json`; input that breaks a rule gets 422 with an \
                                `errors` array naming each field and the rule.""")
                        .license(new License().name("EUPL-1.2")))
                .components(new Components()
                        .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-Api-Key")
                                .description("An API key; `Authorization: ApiKey <key>` works too."))
                        .addSecuritySchemes(SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("CIVITAS_SESSION")
                                .description("The session of a person signed in on the web pages.")))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY))
                .addSecurityItem(new SecurityRequirement().addList(SESSION));
    }
}

package org.civitas.identity.security;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.civitas.identity.ApiKeyVerifier;
import org.civitas.identity.CivitasPrincipal;
import org.civitas.identity.account.AccountService;
import org.civitas.identity.account.Accounts;
import org.civitas.platform.CivitasProperties;
import org.civitas.platform.EndpointAccess;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.authentication.builders.AuthenticationManagerBuilder;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * The security filter chains: a stateless one for Open311's machine clients, and one for everything
 * else (pages, sign-in, /api/v1). In both, each module states who may call its endpoints through
 * {@link EndpointAccess} beans; whatever no module claims is denied.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SecurityConfiguration.class);

    private static final RequestMatcher OPEN311 = PathPatternRequestMatcher.withDefaults().matcher("/open311/**");

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            + "base-uri 'self'; object-src 'none'";

    /** The policy with the map tile server (CIVITAS_MAP_TILE_URL) allowed for images only. */
    static String contentSecurityPolicy(String tileUrl) {
        java.net.URI tiles;
        try {
            tiles = java.net.URI.create(tileUrl.replaceAll("\\{[a-z]}", "0"));
        }
        catch (IllegalArgumentException | NullPointerException e) {
            return CONTENT_SECURITY_POLICY;
        }
        if (tiles.getHost() == null || !("https".equals(tiles.getScheme()) || "http".equals(tiles.getScheme()))) {
            return CONTENT_SECURITY_POLICY;
        }
        String origin = tiles.getScheme() + "://" + tiles.getHost().replaceFirst("^[0-9a-z]\\.", "*.")
                + (tiles.getPort() < 0 ? "" : ":" + tiles.getPort());
        return CONTENT_SECURITY_POLICY.replace("img-src 'self' data:;", "img-src 'self' data: " + origin + ";");
    }

    /**
     * Open311 alone: clients are machines that send their key with each request (the handlers check
     * {@code api_key}) and never a cookie, so this chain keeps no session and no saved request, needs no
     * CSRF token and has no sign-in or sign-out. It never loads a security context from a session, even for
     * a call that carries a resident's cookie, and is lighter on the busiest machine endpoint. The same module
     * claims ({@link EndpointAccess}) and the same response headers as the main chain apply.
     */
    @Bean
    @Order(1)
    SecurityFilterChain open311Security(HttpSecurity http, List<EndpointAccess> endpointAccess, ApiKeyVerifier apiKeys,
                                        UnknownPaths unknownPaths,
                                        @org.springframework.beans.factory.annotation.Value("${civitas.map.tile-url:}") String tileUrl) throws Exception {
        http.getSharedObject(AuthenticationManagerBuilder.class).parentAuthenticationManager(null);
        http.securityMatcher(OPEN311)
                .authorizeHttpRequests(endpoints -> claimed(endpoints, endpointAccess, unknownPaths))
                .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .sessionManagement(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .servletApi(AbstractHttpConfigurer::disable)
                .csrf(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(statusEntryPoint()))
                .headers(headers -> responseHeaders(headers, tileUrl))
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys), AnonymousAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain civitasSecurity(HttpSecurity http, List<EndpointAccess> endpointAccess, UnknownPaths unknownPaths,
                                        AccountUserDetailsService users, PasswordEncoder passwordEncoder,
                                        SignInThrottle throttle, SignInFlow signInFlow,
                                        ApiKeyVerifier apiKeys, SignInEvents signInEvents,
                                        ObjectProvider<ClientRegistrationRepository> oidcClients,
                                        ObjectProvider<OidcAccountLinking> oidcLinking,
                                        ObjectProvider<OidcSignInSuccess> oidcSuccess,
                                        @org.springframework.beans.factory.annotation.Value("${civitas.map.tile-url:}") String tileUrl) throws Exception {
        RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");

        // Only our providers: the global manager Spring would add as a parent checks passwords without
        // the throttle, and a refused attempt would fall through to it.
        http.getSharedObject(AuthenticationManagerBuilder.class).parentAuthenticationManager(null);
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(passwordEncoder);
        passwords.setUserDetailsPasswordService(users); // weaker hashes are made again at a right password
        http.authenticationProvider(new ThrottledPasswordAuthentication(passwords, throttle, signInEvents))
                .authorizeHttpRequests(endpoints -> claimed(endpoints, endpointAccess, unknownPaths))
                .formLogin(form -> form
                        .loginPage("/sign-in")
                        .loginProcessingUrl("/sign-in")
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .successHandler(signInFlow)
                        .failureHandler(new SignInFailureHandler())
                        .permitAll())
                .logout(logout -> logout
                        .logoutRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/sign-out"))
                        .addLogoutHandler(signedOut(signInEvents))
                        .logoutSuccessUrl("/?signed-out")
                        .deleteCookies("CIVITAS_SESSION"))
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(new AndRequestMatcher(
                        CsrfFilter.DEFAULT_CSRF_MATCHER, new NegatedRequestMatcher(ApiKeyAuthenticationFilter::carriesKey))))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .requestCache(cache -> cache.requestCache(SignInFlow.pageRequestCache()))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(statusEntryPoint(), api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/sign-in"), request -> true))
                .headers(headers -> responseHeaders(headers, tileUrl))
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys), UsernamePasswordAuthenticationFilter.class)
                .addFilterAfter(new SecondFactorGate(), SecurityContextHolderFilter.class);

        ClientRegistrationRepository clients = oidcClients.getIfAvailable();
        if (clients != null) {
            DefaultOAuth2AuthorizationRequestResolver resolver =
                    new DefaultOAuth2AuthorizationRequestResolver(clients, "/oauth2/authorization");
            resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
            http.oauth2Login(oidc -> oidc
                    .loginPage("/sign-in")
                    .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(resolver))
                    .userInfoEndpoint(userInfo -> userInfo.oidcUserService(oidcLinking.getObject()))
                    .successHandler(oidcSuccess.getObject())
                    .failureHandler((request, response, exception) -> {
                        // the provider's error code only: descriptions and messages may quote claims
                        log.warn("OpenID Connect sign-in failed: {}", exception instanceof OAuth2AuthenticationException oauth
                                ? oauth.getError().getErrorCode() : exception.getClass().getSimpleName());
                        response.sendRedirect("/sign-in?error=oidc");
                    }));
        }
        return http.build();
    }

    /**
     * What each module claims ({@link EndpointAccess}); an address nothing answers goes on to a 404 for
     * everyone ({@link UnknownPaths}); whatever else no module claims is denied.
     */
    private static void claimed(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry endpoints,
                                List<EndpointAccess> endpointAccess, UnknownPaths unknownPaths) {
        endpoints.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll();
        endpointAccess.forEach(access -> access.configure(endpoints));
        endpoints.requestMatchers(unknownPaths).permitAll();
        endpoints.anyRequest().denyAll();
    }

    @Bean
    UnknownPaths unknownPaths(org.springframework.context.ApplicationContext context) {
        return new UnknownPaths(context);
    }

    private static void responseHeaders(HeadersConfigurer<HttpSecurity> headers, String tileUrl) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(tileUrl)))
                .frameOptions(frame -> frame.deny())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000))
                .permissionsPolicyHeader(policy -> policy.policy("camera=(), microphone=(), geolocation=(self), payment=()"));
    }

    private static AuthenticationEntryPoint statusEntryPoint() {
        return (request, response, exception) -> {
            response.setHeader("WWW-Authenticate", "ApiKey");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        };
    }

    private static LogoutHandler signedOut(SignInEvents events) {
        return (HttpServletRequest request, HttpServletResponse response, org.springframework.security.core.Authentication authentication) -> {
            if (authentication != null && authentication.getPrincipal() instanceof CivitasPrincipal principal) {
                events.signedOut(principal.accountId());
            }
        };
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy("""
                ROLE_ADMINISTRATOR > ROLE_SERVICE_MANAGER
                ROLE_SERVICE_MANAGER > ROLE_CASEWORKER
                """);
    }

    /** OWASP's Password Storage Cheat Sheet minimum for Argon2id: 19 MiB of memory, 2 passes, 1 lane. */
    static final int ARGON2_MEMORY_KIB = 19 * 1024;
    static final int ARGON2_ITERATIONS = 2;
    static final int ARGON2_PARALLELISM = 1;

    /**
     * Argon2id at OWASP's parameters (Spring Security's own 5.8 defaults use 16 MiB, below them).
     * A hash made with less memory or fewer passes is upgraded at the next right password
     * ({@link AccountUserDetailsService#updatePassword}).
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        Argon2PasswordEncoder argon2 = new Argon2PasswordEncoder(16, 32, ARGON2_PARALLELISM, ARGON2_MEMORY_KIB, ARGON2_ITERATIONS);
        DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder("argon2", Map.of("argon2", argon2));
        encoder.setDefaultPasswordEncoderForMatches(argon2);
        return encoder;
    }

    @Bean
    @Conditional(OidcConfigured.class)
    ClientRegistrationRepository oidcClientRegistrations(CivitasProperties properties) {
        CivitasProperties.Oidc oidc = properties.oidc();
        ClientRegistration registration = ClientRegistrations.fromIssuerLocation(oidc.issuer())
                .registrationId("body")
                .clientId(oidc.clientId())
                .clientSecret(StringUtils.hasText(oidc.clientSecret()) ? oidc.clientSecret() : null)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "email", "profile")
                .clientName(StringUtils.hasText(oidc.displayName()) ? oidc.displayName() : oidc.issuer())
                .build();
        return new InMemoryClientRegistrationRepository(registration);
    }

    @Bean
    @Conditional(OidcConfigured.class)
    OidcAccountLinking oidcAccountLinking(Accounts accounts, AccountService accountService, TransactionTemplate transactions,
                                          Clock clock, SignInEvents events) {
        return new OidcAccountLinking(accounts, accountService, transactions, clock, events);
    }

    @Bean
    @Conditional(OidcConfigured.class)
    OidcSignInSuccess oidcSignInSuccess(SignInFlow signInFlow, SignInEvents events,
                                        @org.springframework.beans.factory.annotation.Value("${civitas.oidc.mfa-acr:}") String mfaAcr,
                                        @org.springframework.beans.factory.annotation.Value("${civitas.oidc.mfa-amr:}") String mfaAmr) {
        return new OidcSignInSuccess(signInFlow, events, mfaAcr, mfaAmr);
    }

    static final class OidcConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("civitas.oidc.issuer"))
                    && StringUtils.hasText(context.getEnvironment().getProperty("civitas.oidc.client-id"));
        }
    }

}

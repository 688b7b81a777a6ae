package org.civitas.identity.security;

import java.util.ArrayList;
import java.util.List;

import org.civitas.identity.ApiClient;
import org.civitas.identity.ApiScopes;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request made by an API client with its key: its scopes are its authorities; its name is {@code api-key:<key id>}. */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiClient client;

    public ApiKeyAuthentication(ApiClient client) {
        super(authorities(client));
        this.client = client;
        setAuthenticated(true);
    }

    private static List<GrantedAuthority> authorities(ApiClient client) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(ApiKeyAuthenticationFilter.API_CLIENT_AUTHORITY));
        client.scopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority(ApiScopes.authority(scope))));
        return authorities;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public ApiClient getPrincipal() {
        return client;
    }

    @Override
    public String getName() {
        return "api-key:" + client.keyId();
    }
}

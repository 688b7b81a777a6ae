package org.civitas.identity.security;

import java.util.Optional;

import org.civitas.identity.ApiClient;
import org.civitas.identity.CivitasPrincipal;
import org.civitas.platform.CallerKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** A signed-in person by account id, a machine client by API key id: never by e-mail or name. */
@Component
class CallerKeysOfPrincipals implements CallerKeys {

    private final JdbcClient jdbc;

    CallerKeysOfPrincipals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

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

    /** Read afresh, past {@code ApiKeys}' verified-key cache and the session's principal, in one query. */
    @Override
    public Optional<String> currentRights(Authentication authentication) {
        Object principal = authentication == null ? null : authentication.getPrincipal();
        if (principal instanceof ApiClient client) {
            return jdbc.sql("""
                            select 'scopes ' || coalesce((select string_agg(s, ' ' order by s) from unnest(scopes) s), '')
                            from identity.api_key where id = ? and revoked_at is null""")
                    .param(client.keyId()).query(String.class).optional();
        }
        if (principal instanceof CivitasPrincipal person) {
            return jdbc.sql("""
                            select 'roles ' || coalesce((select string_agg(role, ' ' order by role) from identity.account_role r
                                                         where r.account_id = a.id), '')
                                   || ' teams ' || coalesce((select string_agg(team_id::text, ' ' order by team_id)
                                                             from identity.team_membership m where m.account_id = a.id), '')
                            from identity.account a where a.id = ? and a.disabled_at is null and a.erased_at is null""")
                    .param(person.accountId()).query(String.class).optional();
        }
        return Optional.empty();
    }
}

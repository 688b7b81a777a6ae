package org.civitas.identity.account;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.civitas.identity.Role;
import org.civitas.trust.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Data access for accounts, their roles and team memberships. */
@Repository
public class Accounts {

    /** The fields the account's e-mail address and name are sealed for (the vault binds each value to its field). */
    static final String EMAIL_FIELD = "identity.account.email";
    static final String NAME_FIELD = "identity.account.name";

    private static final String SELECT = """
            select a.id, a.kind, a.subject_id, a.email_sealed, a.name_sealed, a.password_hash, a.created_at, a.disabled_at,
                   coalesce((select array_agg(r.role) from identity.account_role r where r.account_id = a.id), '{}') as roles,
                   coalesce((select array_agg(m.team_id) from identity.team_membership m where m.account_id = a.id), '{}') as teams
            from identity.account a
            """;

    /** The purpose of the keyed hash that finds an account by its e-mail address. */
    static final String EMAIL_LOOKUP = "identity.account.email";

    private final JdbcClient jdbc;
    private final PersonalData vault;

    Accounts(JdbcClient jdbc, PersonalData vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    byte[] emailLookup(String email) {
        return vault.lookupKey(EMAIL_LOOKUP, normalizeEmail(email));
    }

    public static String normalizeEmail(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    public Optional<Account> byEmail(String email) {
        return jdbc.sql(SELECT + " where a.email_lookup = ?").param(emailLookup(email)).query(this::map).optional();
    }

    public Optional<Account> byId(UUID id) {
        return jdbc.sql(SELECT + " where a.id = ?").param(id).query(this::map).optional();
    }

    public List<Account> staff() {
        // names are sealed, so the database cannot sort by them
        return jdbc.sql(SELECT + " where a.kind = 'staff' order by a.created_at").query(this::map).list().stream()
                .sorted(java.util.Comparator.comparing(Account::displayName, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    public boolean emailTaken(String email) {
        return jdbc.sql("select count(*) from identity.account where email_lookup = ?").param(emailLookup(email))
                .query(Integer.class).single() > 0;
    }

    public Account insert(String kind, String email, String displayName, String passwordHash, Instant now,
                          Set<Role> roles, Collection<UUID> teamIds) {
        UUID id = UUID.randomUUID();
        UUID subject = vault.newSubject();
        jdbc.sql("""
                insert into identity.account (id, kind, subject_id, email_lookup, email_sealed, name_sealed, password_hash, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                """).params(id, kind, subject, emailLookup(email), vault.seal(subject, EMAIL_FIELD, normalizeEmail(email)),
                vault.seal(subject, NAME_FIELD, displayName), passwordHash, java.sql.Timestamp.from(now)).update();
        for (Role role : roles) {
            jdbc.sql("insert into identity.account_role (account_id, role) values (?, ?)").params(id, role.code()).update();
        }
        for (UUID team : teamIds) {
            jdbc.sql("insert into identity.team_membership (account_id, team_id) values (?, ?)").params(id, team).update();
        }
        return byId(id).orElseThrow();
    }

    /** Replaces the roles and team memberships of an account. */
    public void replaceRolesAndTeams(UUID id, Set<Role> roles, Collection<UUID> teamIds) {
        jdbc.sql("delete from identity.account_role where account_id = ?").param(id).update();
        jdbc.sql("delete from identity.team_membership where account_id = ?").param(id).update();
        for (Role role : roles) {
            jdbc.sql("insert into identity.account_role (account_id, role) values (?, ?)").params(id, role.code()).update();
        }
        for (UUID team : teamIds) {
            jdbc.sql("insert into identity.team_membership (account_id, team_id) values (?, ?)").params(id, team).update();
        }
    }

    /** Stops an account signing in from now on. */
    public void disable(UUID id, Instant now) {
        jdbc.sql("update identity.account set disabled_at = ? where id = ? and disabled_at is null")
                .params(java.sql.Timestamp.from(now), id).update();
    }

    /**
     * Lets a disabled account sign in again, unless its person's data was erased: that account is
     * a husk kept for the record. Returns whether it was enabled.
     */
    public boolean enable(UUID id) {
        return jdbc.sql("update identity.account set disabled_at = null where id = ? and disabled_at is not null and erased_at is null")
                .param(id).update() == 1;
    }

    /** Whether the person's data of this account was erased. */
    public boolean erased(UUID id) {
        return jdbc.sql("select erased_at is not null from identity.account where id = ?").param(id).query(Boolean.class)
                .optional().orElse(false);
    }

    /** Ends every session of an account (the session's principal name is the account id), on every node. */
    public void endSessions(UUID id) {
        jdbc.sql("delete from identity.spring_session where principal_name = ?").param(id.toString()).update();
    }

    public void linkOidc(String issuer, String subject, UUID accountId, Instant now) {
        jdbc.sql("insert into identity.oidc_link (issuer, subject, account_id, linked_at) values (?, ?, ?, ?)")
                .params(issuer, subject, accountId, java.sql.Timestamp.from(now)).update();
    }

    public Optional<UUID> linkedAccount(String issuer, String subject) {
        return jdbc.sql("select account_id from identity.oidc_link where issuer = ? and subject = ?")
                .params(issuer, subject).query(UUID.class).optional();
    }

    public boolean hasOidcLink(UUID accountId) {
        return jdbc.sql("select count(*) from identity.oidc_link where account_id = ?").param(accountId)
                .query(Integer.class).single() > 0;
    }

    private Account map(ResultSet rs, int row) throws SQLException {
        UUID subject = rs.getObject("subject_id", UUID.class);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object code : arrayOf(rs.getArray("roles"))) {
            Role.fromCode((String) code).ifPresent(roles::add);
        }
        Set<UUID> teams = new HashSet<>();
        for (Object team : arrayOf(rs.getArray("teams"))) {
            teams.add((UUID) team);
        }
        // one data-key read for both values; an erased person's account keeps its id and roles,
        // and what was personal reads as empty
        List<String> personal = vault.openAll(subject, List.of(new PersonalData.Sealed(EMAIL_FIELD, rs.getBytes("email_sealed")),
                        new PersonalData.Sealed(NAME_FIELD, rs.getBytes("name_sealed"))))
                .orElse(List.of("", ""));
        return new Account(rs.getObject("id", UUID.class), rs.getString("kind"), personal.get(0), personal.get(1),
                rs.getString("password_hash"),
                rs.getTimestamp("created_at").toInstant(),
                Optional.ofNullable(rs.getTimestamp("disabled_at")).map(java.sql.Timestamp::toInstant).orElse(null),
                roles, teams);
    }

    private static Object[] arrayOf(Array array) throws SQLException {
        return array == null ? new Object[0] : (Object[]) array.getArray();
    }

    static Set<String> codes(Set<Role> roles) {
        return Arrays.stream(roles.toArray(Role[]::new)).map(Role::code).collect(Collectors.toSet());
    }
}

package org.civitas.identity.account;

import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.civitas.identity.Role;
import org.civitas.identity.StaffDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads staff roles and teams straight from the identity tables, without opening any sealed data. */
@Component
class JdbcStaffDirectory implements StaffDirectory {

    private final JdbcClient jdbc;

    JdbcStaffDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<StaffMember> staffMember(UUID accountId) {
        if (accountId == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select a.id,
                               coalesce((select array_agg(r.role) from identity.account_role r where r.account_id = a.id), '{}') as roles,
                               coalesce((select array_agg(m.team_id) from identity.team_membership m where m.account_id = a.id), '{}') as teams
                        from identity.account a where a.id = ? and a.kind = 'staff' and a.disabled_at is null""")
                .param(accountId)
                .query((rs, n) -> new StaffMember(rs.getObject("id", UUID.class),
                        Arrays.stream((Object[]) rs.getArray("roles").getArray()).map(String::valueOf).map(Role::fromCode)
                                .flatMap(Optional::stream).collect(Collectors.toUnmodifiableSet()),
                        Arrays.stream((Object[]) rs.getArray("teams").getArray()).map(UUID.class::cast)
                                .collect(Collectors.toUnmodifiableSet())))
                .optional();
    }
}

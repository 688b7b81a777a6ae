package org.civitas.catalogue.team;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.civitas.catalogue.Team;
import org.civitas.catalogue.TeamCreated;
import org.civitas.catalogue.TeamNotFound;
import org.civitas.catalogue.TeamRenamed;
import org.civitas.catalogue.Teams;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.Violation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcTeams implements Teams {

    /** The same rule as the table's check: lower-case letters, digits and hyphens, 1 to 63 characters. */
    static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    static final int NAME_MAX = 200;

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    JdbcTeams(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Team> all() {
        return jdbc.sql("select id, code, name from catalogue.team order by name").query(Team.class).list();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Team> byCode(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            return Optional.empty();
        }
        return jdbc.sql("select id, code, name from catalogue.team where code = ?").param(code).query(Team.class).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Team> byIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id, code, name from catalogue.team where id = any(?) order by name")
                .param(ids.toArray(UUID[]::new)).query(Team.class).list();
    }

    @Override
    @Transactional
    public Team create(String code, String name) {
        List<Violation> violations = new ArrayList<>();
        String trimmedCode = code == null ? "" : code.strip();
        if (trimmedCode.isEmpty()) {
            violations.add(new Violation("code", "catalogue.team.code.required"));
        } else if (!CODE.matcher(trimmedCode).matches()) {
            violations.add(new Violation("code", "catalogue.team.code.format"));
        }
        String trimmedName = checkName(name, violations);
        if (violations.isEmpty()) {
            // the advisory lock makes two administrators adding one code at once get "taken", not a unique-key failure
            jdbc.sql("select pg_advisory_xact_lock(hashtext('catalogue.team'))").query().singleValue();
            if (jdbc.sql("select exists (select 1 from catalogue.team where code = ?)").param(trimmedCode).query(Boolean.class).single()) {
                violations.add(new Violation("code", "catalogue.team.code.taken"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        Team team = new Team(UUID.randomUUID(), trimmedCode, trimmedName);
        jdbc.sql("insert into catalogue.team (id, code, name) values (?, ?, ?)")
                .params(team.id(), team.code(), team.name()).update();
        events.publishEvent(new TeamCreated(team.id(), team.code()));
        return team;
    }

    @Override
    @Transactional
    public Team rename(String code, String name) {
        Team team = byCode(code).orElseThrow(TeamNotFound::new);
        List<Violation> violations = new ArrayList<>();
        String trimmedName = checkName(name, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        jdbc.sql("update catalogue.team set name = ? where id = ?").params(trimmedName, team.id()).update();
        events.publishEvent(new TeamRenamed(team.id(), team.code(), trimmedName));
        return new Team(team.id(), team.code(), trimmedName);
    }

    private static String checkName(String name, List<Violation> violations) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            violations.add(new Violation("name", "catalogue.team.name.required"));
        } else if (trimmed.codePointCount(0, trimmed.length()) > NAME_MAX || trimmed.chars().anyMatch(Character::isISOControl)) {
            violations.add(new Violation("name", "catalogue.team.name.format"));
        }
        return trimmed;
    }
}

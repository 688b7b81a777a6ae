package org.civitas.catalogue.team;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.civitas.catalogue.Team;
import org.civitas.catalogue.TeamCreated;
import org.civitas.catalogue.Teams;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcTeams implements Teams {

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
        Team team = new Team(UUID.randomUUID(), code, name);
        jdbc.sql("insert into catalogue.team (id, code, name) values (?, ?, ?)")
                .params(team.id(), team.code(), team.name()).update();
        events.publishEvent(new TeamCreated(team.id(), team.code()));
        return team;
    }
}

package org.civitas.trust.access;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.civitas.trust.AccessLog;
import org.civitas.trust.DataAccess;
import org.civitas.trust.DataAccessEntry;
import org.civitas.trust.PersonalData;
import org.civitas.trust.PersonalDataAccessed;
import org.civitas.trust.Viewer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The access log in {@code trust.access_log}. */
@Service
class JdbcAccessLog implements AccessLog {

    /** The field a staff-written purpose is sealed for. */
    static final String DETAIL_FIELD = "trust.access_log.purpose_detail";

    private final JdbcClient jdbc;
    private final PersonalData vault;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    JdbcAccessLog(JdbcClient jdbc, PersonalData vault, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.events = events;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void record(DataAccess access) {
        Viewer viewer = access.viewer();
        byte[] detail = null;
        if (access.detail() != null && !access.detail().isBlank() && access.subject() != null && vault.readable(access.subject())) {
            detail = vault.seal(access.subject(), DETAIL_FIELD, access.detail().trim());
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into trust.access_log (at, subject_id, action, outcome, fields, purpose, purpose_detail, resource,
                            viewer_kind, viewer_id, viewer_role, viewer_team_id, viewer_team, viewer_organisation)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(clock.instant()), access.subject(), access.action(), access.granted() ? "granted" : "denied",
                        access.fields().toArray(String[]::new), access.purpose(), detail, access.resource(), viewer.kind(), viewer.id(),
                        viewer.role(), viewer.teamId(), viewer.team(), viewer.organisation())
                .update(key, "id");
        long id = key.getKey().longValue();
        events.publishEvent(new PersonalDataAccessed(id, access.subject(), access.action(), access.granted(), access.fields(),
                access.purpose(), viewer.kind(), viewer.id()));
    }

    @Override
    @Transactional(readOnly = true)
    public List<DataAccessEntry> about(Collection<UUID> subjects, int limit) {
        if (subjects.isEmpty()) {
            return List.of();
        }
        List<Stored> stored = jdbc.sql("""
                        select id, at, subject_id, action, outcome, fields, purpose, purpose_detail, resource, viewer_kind, viewer_id,
                               viewer_role, viewer_team_id, viewer_team, viewer_organisation
                        from trust.access_log where subject_id = any(?) order by at desc, id desc limit ?""")
                .params(subjects.toArray(UUID[]::new), limit).query(JdbcAccessLog::stored).list();
        List<DataAccessEntry> entries = new ArrayList<>(stored.size());
        for (Stored s : stored) {
            String detail = s.detail() == null ? null : vault.open(s.entry().subject(), DETAIL_FIELD, s.detail()).orElse(null);
            DataAccessEntry e = s.entry();
            entries.add(new DataAccessEntry(e.id(), e.at(), e.subject(), e.action(), e.granted(), e.fields(), e.purpose(), detail,
                    e.resource(), e.viewer()));
        }
        return entries;
    }

    private record Stored(DataAccessEntry entry, byte[] detail) {
    }

    private static Stored stored(ResultSet rs, int row) throws SQLException {
        Viewer viewer = new Viewer(rs.getString("viewer_kind"), rs.getObject("viewer_id", UUID.class), rs.getString("viewer_role"),
                rs.getObject("viewer_team_id", UUID.class), rs.getString("viewer_team"), rs.getString("viewer_organisation"));
        Array fields = rs.getArray("fields");
        List<String> names = fields == null ? List.of() : Arrays.stream((Object[]) fields.getArray()).map(String.class::cast).toList();
        return new Stored(new DataAccessEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getObject("subject_id", UUID.class),
                rs.getString("action"), "granted".equals(rs.getString("outcome")), names, rs.getString("purpose"), null,
                rs.getString("resource"), viewer), rs.getBytes("purpose_detail"));
    }
}

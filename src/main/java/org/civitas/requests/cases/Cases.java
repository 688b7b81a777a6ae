package org.civitas.requests.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.civitas.catalogue.Service;
import org.civitas.catalogue.Services;
import org.civitas.identity.Role;
import org.civitas.identity.StaffDirectory;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.Violation;
import org.civitas.requests.CaseAssigned;
import org.civitas.requests.CaseStatusChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Staff case handling: the queue, one case with its history, assignment and the lifecycle. Every
 * change is one transaction that writes the case, its history and a past-tense event together.
 * A case outside the caller's scope is answered as if it did not exist.
 */
@Component
public class Cases {

    static final int MAX_NOTE = 4000;
    private static final List<String> OPEN = java.util.Arrays.stream(RequestStatus.values())
            .filter(RequestStatus::open).map(RequestStatus::code).toList();
    private static final String COLUMNS = "id, reference, service_id, service_code, service_version, status, description, lat, long, "
            + "address_string, address_id, media_url, channel, requested_at, updated_at, expected_at, token, status_note, "
            + "assigned_to, duplicate_of, answers::text as answers_json, language";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Services services;
    private final JsonMapper json;
    private final Clock clock;
    private final StaffDirectory staff;

    Cases(JdbcClient jdbc, ApplicationEventPublisher events, Services services, JsonMapper json, Clock clock, StaffDirectory staff) {
        this.staff = staff;
        this.jdbc = jdbc;
        this.events = events;
        this.services = services;
        this.json = json;
        this.clock = clock;
    }

    private record Row(ServiceRequest request, UUID assignedTo, UUID duplicateOf, String answers, String language) {
    }

    /** The queue: cases in scope matching the filters, oldest first (or soonest expected completion first). */
    @Transactional(readOnly = true)
    public CasePage queue(CaseScope scope, CaseQuery query) {
        Instant now = clock.instant();
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        scope(scope, where, params);
        List<Object> scopeParams = List.copyOf(params);
        String scopeWhere = where.toString();
        if (query.status() != null) {
            where.append(" and status = ?");
            params.add(query.status().code());
        }
        if (query.serviceCode() != null) {
            where.append(" and service_code = ?");
            params.add(query.serviceCode());
        }
        if ("breached".equals(query.sla())) {
            where.append(" and status = any(?) and expected_at < ?");
            params.add(OPEN.toArray(String[]::new));
            params.add(Timestamp.from(now));
        }
        else if ("due".equals(query.sla())) {
            where.append(" and status = any(?) and expected_at >= ?");
            params.add(OPEN.toArray(String[]::new));
            params.add(Timestamp.from(now));
        }
        if (query.assignedTo() != null) {
            where.append(" and assigned_to = ?");
            params.add(query.assignedTo());
        }
        if (query.olderThanDays() != null) {
            where.append(" and requested_at < ?");
            params.add(Timestamp.from(now.minus(Duration.ofDays(query.olderThanDays()))));
        }
        long total = jdbc.sql("select count(*) from requests.service_request" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(query.size());
        pageParams.add((long) (query.page() - 1) * query.size());
        List<CasePage.CaseSummary> cases = jdbc.sql("select " + COLUMNS + " from requests.service_request" + where
                        + (query.byExpected() ? " order by expected_at nulls last, reference" : " order by requested_at, reference")
                        + " limit ? offset ?")
                .params(pageParams).query((rs, n) -> row(rs)).list().stream()
                .map(row -> new CasePage.CaseSummary(row.request(), row.assignedTo())).toList();
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (RequestStatus status : RequestStatus.values()) {
            byStatus.put(status.code(), 0L);
        }
        jdbc.sql("select status, count(*) as n from requests.service_request" + scopeWhere + " group by status")
                .params(scopeParams).query((rs, n) -> Map.entry(rs.getString("status"), rs.getLong("n"))).list()
                .forEach(entry -> byStatus.put(entry.getKey(), entry.getValue()));
        List<Object> breachedParams = new ArrayList<>(scopeParams);
        breachedParams.add(OPEN.toArray(String[]::new));
        breachedParams.add(Timestamp.from(now));
        long breached = jdbc.sql("select count(*) from requests.service_request" + scopeWhere
                + " and status = any(?) and expected_at < ?").params(breachedParams).query(Long.class).single();
        return new CasePage(cases, total, byStatus, breached);
    }

    /** One case with its answers and history. */
    @Transactional(readOnly = true)
    public CaseDetail find(CaseScope scope, String reference) {
        Row row = load(scope, reference, false);
        String duplicateOf = row.duplicateOf() == null ? null : jdbc
                .sql("select reference from requests.service_request where id = ?").param(row.duplicateOf())
                .query(String.class).single();
        List<CaseEvent> history = jdbc.sql("""
                        select from_status, to_status, actor_kind, actor_id, public_note, internal_note, at, kind, assigned_to,
                            update_id, reported_status, media_url
                        from requests.case_event where request_id = ? order by id""")
                .param(row.request().id())
                .query((rs, n) -> new CaseEvent(RequestStatus.fromCode(rs.getString("from_status")).orElseThrow(),
                        RequestStatus.fromCode(rs.getString("to_status")).orElseThrow(),
                        new Actor(rs.getString("actor_kind"), rs.getObject("actor_id", UUID.class)),
                        rs.getString("public_note"), rs.getString("internal_note"), rs.getTimestamp("at").toInstant(),
                        rs.getString("kind"), rs.getObject("assigned_to", UUID.class), rs.getObject("update_id", UUID.class),
                        rs.getString("reported_status"), rs.getString("media_url")))
                .list();
        Map<String, List<String>> answers = json.readValue(row.answers(), new TypeReference<LinkedHashMap<String, List<String>>>() {
        });
        return new CaseDetail(row.request(), answers, row.assignedTo(), duplicateOf, history, row.language());
    }

    /**
     * Assigns the case to a member of staff of the team that owns its service (or an administrator),
     * keeping who did it in the case's history (an {@code assignment} entry: not a public update, so
     * Open311 never shows it); publishes {@link CaseAssigned}. Anyone else is refused naming {@code assignee}.
     */
    @Transactional
    public CaseDetail assign(CaseScope scope, String reference, UUID assignee, Actor actor) {
        Row row = load(scope, reference, true);
        UUID team = services.byId(row.request().serviceId()).map(Service::teamId).orElse(null);
        Optional<StaffDirectory.StaffMember> member = staff.staffMember(assignee);
        if (member.isEmpty()) {
            throw new InvalidInput(List.of(new Violation("assignee", "requests.case.assignee.unknown")));
        }
        if (!member.get().hasRole(Role.ADMINISTRATOR) && (team == null || !member.get().teamIds().contains(team))) {
            throw new InvalidInput(List.of(new Violation("assignee", "requests.case.assignee.team")));
        }
        Instant now = now();
        jdbc.sql("update requests.service_request set assigned_to = ?, updated_at = ? where id = ?")
                .params(assignee, Timestamp.from(now), row.request().id()).update();
        String status = row.request().status().code();
        jdbc.sql("""
                        insert into requests.case_event (request_id, kind, from_status, to_status, actor_kind, actor_id,
                            assigned_to, at)
                        values (?, 'assignment', ?, ?, ?, ?, ?, ?)""")
                .params(row.request().id(), status, status, actor.kind(), actor.id(), assignee, Timestamp.from(now))
                .update();
        events.publishEvent(new CaseAssigned(row.request().id(), row.request().reference(), assignee));
        return find(scope, reference);
    }

    /**
     * Moves the case to {@code to}, keeping the notes in its history and the public note as its
     * latest; publishes {@link CaseStatusChanged}. A move the lifecycle does not allow is refused
     * naming {@code status}; a duplicate is marked with {@link #markDuplicate}.
     */
    @Transactional
    public CaseDetail transition(CaseScope scope, String reference, String status, Actor actor, String publicNote,
                                 String internalNote) {
        List<Violation> violations = notes(publicNote, internalNote);
        Optional<RequestStatus> to = status == null || status.isBlank() ? Optional.empty() : RequestStatus.fromCode(status.trim());
        if (status == null || status.isBlank()) {
            violations.add(new Violation("status", "requests.case.status.required"));
        }
        else if (to.isEmpty()) {
            violations.add(new Violation("status", "requests.case.status.unknown"));
        }
        else if (to.get() == RequestStatus.DUPLICATE) {
            violations.add(new Violation("status", "requests.case.status.duplicate"));
        }
        Row row = load(scope, reference, true);
        if (to.isPresent() && violations.stream().noneMatch(v -> v.field().equals("status"))
                && !row.request().status().canBecome(to.get())) {
            violations.add(new Violation("status", "requests.case.status.transition"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        change(row, to.get(), null, actor, publicNote, internalNote);
        return find(scope, reference);
    }

    /** Marks the case as a duplicate of {@code original} (a reference the caller may see). */
    @Transactional
    public CaseDetail markDuplicate(CaseScope scope, String reference, String original, Actor actor, String publicNote,
                                    String internalNote) {
        List<Violation> violations = notes(publicNote, internalNote);
        Row row = load(scope, reference, true);
        Optional<Row> originalRow = original == null || original.isBlank() ? Optional.empty()
                : References.normalise(original).flatMap(o -> loadIfVisible(scope, o, false));
        if (original == null || original.isBlank()) {
            violations.add(new Violation("original", "requests.case.original.required"));
        }
        else if (originalRow.isEmpty()) {
            violations.add(new Violation("original", "requests.case.original.unknown"));
        }
        else if (originalRow.get().request().id().equals(row.request().id())) {
            violations.add(new Violation("original", "requests.case.original.self"));
        }
        if (!row.request().status().canBecome(RequestStatus.DUPLICATE)) {
            violations.add(new Violation("status", "requests.case.status.transition"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        change(row, RequestStatus.DUPLICATE, originalRow.get().request().id(), actor, publicNote, internalNote);
        return find(scope, reference);
    }

    private void change(Row row, RequestStatus to, UUID duplicateOf, Actor actor, String publicNote, String internalNote) {
        Instant now = now();
        String note = blankToNull(publicNote);
        jdbc.sql("""
                        update requests.service_request set status = ?, updated_at = ?, duplicate_of = ?,
                            status_note = coalesce(?, status_note), finished_at = ?
                        where id = ?""")
                // finished_at starts the retention period of the requester's data; a reopened case stops it
                .params(to.code(), Timestamp.from(now), duplicateOf, note, to.open() ? null : Timestamp.from(now),
                        row.request().id()).update();
        jdbc.sql("""
                        insert into requests.case_event (request_id, kind, from_status, to_status, actor_kind, actor_id,
                            public_note, internal_note, at)
                        values (?, 'transition', ?, ?, ?, ?, ?, ?, ?)""")
                .params(row.request().id(), row.request().status().code(), to.code(), actor.kind(), actor.id(), note,
                        blankToNull(internalNote), Timestamp.from(now))
                .update();
        events.publishEvent(new CaseStatusChanged(row.request().id(), row.request().reference(),
                row.request().status().code(), to.code()));
    }

    private static List<Violation> notes(String publicNote, String internalNote) {
        List<Violation> violations = new ArrayList<>();
        note("publicNote", publicNote, violations);
        note("internalNote", internalNote, violations);
        return violations;
    }

    private static void note(String field, String value, List<Violation> violations) {
        if (value == null) {
            return;
        }
        if (value.length() > MAX_NOTE) {
            violations.add(new Violation(field, "requests.case.note.length"));
        }
        else if (Markup.in(value)) {
            violations.add(new Violation(field, "requests.case.note.markup"));
        }
    }

    private Row load(CaseScope scope, String reference, boolean forUpdate) {
        return References.normalise(reference).flatMap(r -> loadIfVisible(scope, r, forUpdate)).orElseThrow(CaseNotFound::new);
    }

    private Optional<Row> loadIfVisible(CaseScope scope, String normalised, boolean forUpdate) {
        return jdbc.sql("select " + COLUMNS + " from requests.service_request where reference = ?" + (forUpdate ? " for update" : ""))
                .param(normalised).query((rs, n) -> row(rs)).optional()
                .filter(row -> visible(scope, row.request().serviceId()));
    }

    private boolean visible(CaseScope scope, UUID serviceId) {
        if (scope.everything()) {
            return true;
        }
        return services.byId(serviceId).map(Service::teamId).filter(scope.teamIds()::contains).isPresent();
    }

    private void scope(CaseScope scope, StringBuilder where, List<Object> params) {
        if (scope.everything()) {
            return;
        }
        UUID[] serviceIds = services.all().stream().filter(s -> s.teamId() != null && scope.teamIds().contains(s.teamId()))
                .map(Service::id).toArray(UUID[]::new);
        where.append(" and service_id = any(?)");
        params.add(serviceIds);
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(ServiceRequestRegister.row(rs, 0), rs.getObject("assigned_to", UUID.class),
                rs.getObject("duplicate_of", UUID.class), rs.getString("answers_json"), rs.getString("language"));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

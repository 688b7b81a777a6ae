package org.civitas.catalogue.service;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.civitas.catalogue.Datatype;
import org.civitas.catalogue.Question;
import org.civitas.catalogue.QuestionValue;
import org.civitas.catalogue.RequestPrivacy;
import org.civitas.catalogue.Service;
import org.civitas.catalogue.ServiceCreated;
import org.civitas.catalogue.ServiceDetailsChanged;
import org.civitas.catalogue.ServiceDraftChanged;
import org.civitas.catalogue.ServiceRetired;
import org.civitas.catalogue.ServiceStatus;
import org.civitas.catalogue.ServiceType;
import org.civitas.catalogue.ServiceVersion;
import org.civitas.catalogue.ServiceVersionPublished;
import org.civitas.catalogue.Services;
import org.civitas.catalogue.Sla;
import org.civitas.platform.ExpiringCache;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.Violation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service catalogue: reading it (the module's {@link Services} API) and changing it. Each change
 * is one transaction that checks every rule and the caller's right to manage the owning team before
 * writing, and publishes its event with the change.
 */
@org.springframework.stereotype.Service
public class ServiceCatalogue implements Services {

    private static final String SERVICE_COLUMNS = """
            s.id, s.code, v.name, v.description, v.name_cy, v.description_cy, s.service_group, s.keywords, s.type, s.status, s.team_id,
            s.sla_amount, s.sla_unit, s.current_version, s.retention_days, s.anonymous_requests, s.privacy
            from catalogue.service s join catalogue.service_version v on v.service_id = s.id and v.version = s.current_version
            """;

    /**
     * How long a node may go on using a service or version after another node changed it (this
     * node forgets at once, on the catalogue's own events). Open311 reads both on every POST.
     */
    static final Duration CACHE_TTL = Duration.ofSeconds(5);

    private record VersionKey(UUID serviceId, int version) {
    }

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final ServiceRules rules;
    private final JsonMapper json;
    private final Clock clock;
    private final ExpiringCache<String, Optional<Service>> liveByCode = new ExpiringCache<>(CACHE_TTL, 1000);
    private final ExpiringCache<UUID, Optional<Service>> byId = new ExpiringCache<>(CACHE_TTL, 1000);
    private final ExpiringCache<VersionKey, Optional<ServiceVersion>> versions = new ExpiringCache<>(CACHE_TTL, 1000);

    ServiceCatalogue(JdbcClient jdbc, ApplicationEventPublisher events, ServiceRules rules, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.rules = rules;
        this.json = json;
        this.clock = clock;
    }

    // ---- reading ----

    /** Cached for {@link #CACHE_TTL}: asked on every Open311 POST. */
    @Override
    public Optional<Service> liveByCode(String code) {
        return liveByCode.get(code, c -> byCode(c).filter(Service::live));
    }

    @Override
    @Transactional(readOnly = true)
    public List<Service> live() {
        return jdbc.sql("select " + SERVICE_COLUMNS + " where s.status = 'live' order by s.service_group nulls last, v.name")
                .query(this::service).list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Service> live(String group) {
        return jdbc.sql("select " + SERVICE_COLUMNS + " where s.status = 'live' and s.service_group = ? order by v.name")
                .param(group).query(this::service).list();
    }

    /** Every service whatever its status, for staff: by status (draft, live, retired) then name. */
    @Transactional(readOnly = true)
    public List<Service> all() {
        return jdbc.sql("select " + SERVICE_COLUMNS + """
                 order by case s.status when 'draft' then 0 when 'live' then 1 else 2 end, v.name""")
                .query(this::service).list();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Service> byCode(String code) {
        return jdbc.sql("select " + SERVICE_COLUMNS + " where s.code = ?").param(code).query(this::service).optional();
    }

    /** Cached for {@link #CACHE_TTL}: asked for every request listed or shown. */
    @Override
    public Optional<Service> byId(UUID id) {
        return byId.get(id, this::load);
    }

    private Optional<Service> load(UUID id) {
        return jdbc.sql("select " + SERVICE_COLUMNS + " where s.id = ?").param(id).query(this::service).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ServiceVersion> currentVersion(String code) {
        return byCode(code).flatMap(service -> version(service.id(), service.version()));
    }

    /** Cached for {@link #CACHE_TTL}: the questions are checked on every POST. */
    @Override
    public Optional<ServiceVersion> version(UUID serviceId, int version) {
        return versions.get(new VersionKey(serviceId, version), key -> loadVersion(key.serviceId(), key.version()));
    }

    private Optional<ServiceVersion> loadVersion(UUID serviceId, int version) {
        return jdbc.sql("""
                        select v.service_id, s.code, v.version, v.name, v.description, v.name_cy, v.description_cy,
                               v.questions::text as questions, v.published_at
                        from catalogue.service_version v join catalogue.service s on s.id = v.service_id
                        where v.service_id = ? and v.version = ?""")
                .params(serviceId, version).query(this::version).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ServiceVersion> version(String code, int version) {
        return jdbc.sql("select id from catalogue.service where code = ?").param(code).query(UUID.class).optional()
                .flatMap(id -> version(id, version));
    }

    // ---- changing ----

    /** Every change publishes one of these: forget what was cached, now and at the commit. */
    @EventListener({ServiceCreated.class, ServiceDetailsChanged.class, ServiceDraftChanged.class, ServiceRetired.class,
            ServiceVersionPublished.class})
    void catalogueChanged() {
        liveByCode.invalidateAfterCommit();
        byId.invalidateAfterCommit();
        versions.invalidateAfterCommit();
    }

    /** Adds a draft service (version 1, not yet offered). */
    @Transactional
    public Service create(ServiceInput input, Predicate<UUID> mayManageTeam) {
        ServiceRules.ValidService valid = checked(input, this::codeTaken);
        requireTeam(mayManageTeam, valid.teamId());
        int retentionDays = input.retentionDays() == null ? Service.DEFAULT_RETENTION_DAYS : input.retentionDays();
        boolean anonymousRequests = input.anonymousRequests() == null ? Service.DEFAULT_ANONYMOUS_REQUESTS : input.anonymousRequests();
        RequestPrivacy privacy = input.privacy() == null ? Service.DEFAULT_PRIVACY : RequestPrivacy.fromCode(input.privacy()).orElseThrow();
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        int inserted = jdbc.sql("""
                        insert into catalogue.service (id, code, status, service_group, keywords, type, team_id, sla_amount, sla_unit,
                                                       current_version, created_at, updated_at, retention_days, anonymous_requests,
                                                       privacy)
                        values (?, ?, 'draft', ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)
                        on conflict (code) do nothing""")
                .params(id, valid.code(), valid.group(), valid.keywords().toArray(String[]::new), valid.type().code(),
                        valid.teamId(), valid.sla().amount(), valid.sla().unit().code(), utc(now), utc(now), retentionDays, anonymousRequests,
                        privacy.code())
                .update();
        if (inserted == 0) { // another node took the code since the check
            throw new InvalidInput(List.of(new Violation("code", "catalogue.service.code.taken")));
        }
        insertVersion(id, 1, valid, now, null);
        events.publishEvent(new ServiceCreated(id, valid.code(), valid.teamId()));
        return load(id).orElseThrow();
    }

    private boolean codeTaken(String code) {
        return jdbc.sql("select count(*) from catalogue.service where code = ?").param(code).query(Integer.class).single() > 0;
    }

    /**
     * Replaces a service. A draft changes in place. For a live service, a change to its name,
     * description or questions adds a version that goes live at once; earlier versions stay as they were.
     * A retired service cannot change.
     */
    @Transactional
    public Service replace(String code, ServiceInput input, Predicate<UUID> mayManageTeam) {
        Service current = lock(code);
        requireTeam(mayManageTeam, current.teamId());
        if (input != null && input.code() != null && !input.code().strip().isEmpty() && !input.code().strip().equals(code)) {
            throw new InvalidInput(List.of(new Violation("code", "catalogue.service.code.fixed")));
        }
        ServiceInput withCode = input == null ? null : new ServiceInput(code, input.name(), input.description(), input.group(),
                input.keywords(), input.type(), input.team(), input.sla(), input.questions(), input.retentionDays(), input.anonymousRequests(),
                input.privacy(), input.nameCy(), input.descriptionCy());
        ServiceRules.ValidService valid = checked(withCode, taken -> false);
        int retentionDays = input.retentionDays() == null ? current.retentionDays() : input.retentionDays();
        boolean anonymousRequests = input.anonymousRequests() == null ? current.anonymousRequests() : input.anonymousRequests();
        RequestPrivacy privacy = input.privacy() == null ? current.privacy() : RequestPrivacy.fromCode(input.privacy()).orElseThrow();
        requireTeam(mayManageTeam, valid.teamId());
        if (current.status() == ServiceStatus.RETIRED) {
            throw new InvalidInput(List.of(new Violation("status", "catalogue.service.retired")));
        }
        Instant now = clock.instant();
        ServiceVersion version = loadVersion(current.id(), current.version()).orElseThrow();
        boolean detailsChanged = !Objects.equals(current.group(), valid.group()) || !current.keywords().equals(valid.keywords())
                || current.type() != valid.type() || !current.teamId().equals(valid.teamId()) || !current.sla().equals(valid.sla())
                || current.anonymousRequests() != anonymousRequests || current.privacy() != privacy;
        boolean versionChanged = !version.name().equals(valid.name()) || !version.description().equals(valid.description())
                || !version.questions().equals(valid.questions());
        if (current.status() == ServiceStatus.LIVE && versionChanged) { // the new version goes live at once: it is published
            rules.requireBothLanguages(valid.name(), valid.description(), valid.questions());
        }
        // names only, for the audit log: the values are in the service's own tables and versions
        java.util.SortedSet<String> changed = new java.util.TreeSet<>();
        if (!Objects.equals(current.group(), valid.group())) {
            changed.add("group");
        }
        if (!current.keywords().equals(valid.keywords())) {
            changed.add("keywords");
        }
        if (current.type() != valid.type()) {
            changed.add("type");
        }
        if (!current.teamId().equals(valid.teamId())) {
            changed.add("team");
        }
        if (!current.sla().equals(valid.sla())) {
            changed.add("sla");
        }
        if (current.anonymousRequests() != anonymousRequests) {
            changed.add("anonymousRequests");
        }
        if (current.privacy() != privacy) {
            changed.add("privacy");
        }
        if (!version.name().equals(valid.name())) {
            changed.add("name");
        }
        if (!version.description().equals(valid.description())) {
            changed.add("description");
        }
        if (!version.questions().equals(valid.questions())) {
            changed.add("questions");
        }
        int number = current.version();
        if (current.status() == ServiceStatus.DRAFT) {
            jdbc.sql("""
                            update catalogue.service_version set name = ?, description = ?, name_cy = ?, description_cy = ?, questions = ?::jsonb
                            where service_id = ? and version = ?""")
                    .params(valid.name().en(), valid.description().enOrEmpty(), valid.name().cy(), valid.description().cy(),
                            questionsJson(valid.questions()), current.id(), number).update();
        } else if (versionChanged) {
            number = current.version() + 1;
            insertVersion(current.id(), number, valid, now, now);
        }
        jdbc.sql("""
                        update catalogue.service set service_group = ?, keywords = ?, type = ?, team_id = ?, sla_amount = ?, sla_unit = ?,
                               current_version = ?, updated_at = ?, retention_days = ?, anonymous_requests = ?, privacy = ? where id = ?""")
                .params(valid.group(), valid.keywords().toArray(String[]::new), valid.type().code(), valid.teamId(),
                        valid.sla().amount(), valid.sla().unit().code(), number, utc(now), retentionDays, anonymousRequests, privacy.code(),
                        current.id())
                .update();
        if (current.status() == ServiceStatus.DRAFT) {
            events.publishEvent(new ServiceDraftChanged(current.id(), code, List.copyOf(changed)));
        } else {
            if (versionChanged) {
                events.publishEvent(new ServiceVersionPublished(current.id(), code, number));
            }
            if (detailsChanged) {
                events.publishEvent(new ServiceDetailsChanged(current.id(), code, valid.teamId(), List.copyOf(changed)));
            }
        }
        return load(current.id()).orElseThrow();
    }

    @Override
    @Transactional(readOnly = true)
    public boolean allowsAnonymousRequests(String code) {
        return jdbc.sql("select anonymous_requests from catalogue.service where code = ?").param(code)
                .query(Boolean.class).optional().orElse(false);
    }

    /** Says whether requests for the service may come without contact details; publishes {@link ServiceDetailsChanged}. */
    @Transactional
    public void allowAnonymousRequests(String code, boolean allowed) {
        Service current = lock(code);
        jdbc.sql("update catalogue.service set anonymous_requests = ?, updated_at = ? where id = ?")
                .params(allowed, utc(clock.instant()), current.id()).update();
        events.publishEvent(new ServiceDetailsChanged(current.id(), code, current.teamId(), List.of("anonymousRequests")));
    }

    /** Puts a draft service live: its current version is published and the service is offered. */
    @Transactional
    public Service publish(String code, Predicate<UUID> mayManageTeam) {
        Service current = lock(code);
        requireTeam(mayManageTeam, current.teamId());
        if (current.status() != ServiceStatus.DRAFT) {
            throw new InvalidInput(List.of(new Violation("status", current.status() == ServiceStatus.LIVE
                    ? "catalogue.service.publish.live" : "catalogue.service.retired")));
        }
        ServiceVersion draft = loadVersion(current.id(), current.version()).orElseThrow();
        rules.requireBothLanguages(draft.name(), draft.description(), draft.questions());
        Instant now = clock.instant();
        jdbc.sql("update catalogue.service_version set published_at = ? where service_id = ? and version = ?")
                .params(utc(now), current.id(), current.version()).update();
        jdbc.sql("update catalogue.service set status = 'live', updated_at = ? where id = ?").params(utc(now), current.id()).update();
        events.publishEvent(new ServiceVersionPublished(current.id(), code, current.version()));
        return load(current.id()).orElseThrow();
    }

    /** Stops offering a service. Its versions stay readable for the requests made under them. */
    @Transactional
    public Service retire(String code, Predicate<UUID> mayManageTeam) {
        Service current = lock(code);
        requireTeam(mayManageTeam, current.teamId());
        if (current.status() == ServiceStatus.RETIRED) {
            throw new InvalidInput(List.of(new Violation("status", "catalogue.service.retired")));
        }
        jdbc.sql("update catalogue.service set status = 'retired', updated_at = ? where id = ?")
                .params(utc(clock.instant()), current.id()).update();
        events.publishEvent(new ServiceRetired(current.id(), code));
        return load(current.id()).orElseThrow();
    }

    /** Numbers of every version of a service, oldest first. */
    @Transactional(readOnly = true)
    public List<Integer> versionNumbers(UUID serviceId) {
        return jdbc.sql("select version from catalogue.service_version where service_id = ? order by version")
                .param(serviceId).query(Integer.class).list();
    }

    private Service lock(String code) {
        jdbc.sql("select id from catalogue.service where code = ? for update").param(code).query(UUID.class).optional()
                .orElseThrow(ServiceNotFound::new);
        return byCode(code).orElseThrow(ServiceNotFound::new);
    }

    private static void requireTeam(Predicate<UUID> mayManageTeam, UUID teamId) {
        if (teamId != null && !mayManageTeam.test(teamId)) {
            throw new AccessDeniedException("may not manage services of this team");
        }
    }

    private void insertVersion(UUID serviceId, int version, ServiceRules.ValidService valid, Instant now, Instant publishedAt) {
        jdbc.sql("""
                        insert into catalogue.service_version (service_id, version, name, description, name_cy, description_cy, questions,
                                                               created_at, published_at)
                        values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""")
                .params(serviceId, version, valid.name().en(), valid.description().enOrEmpty(), valid.name().cy(), valid.description().cy(),
                        questionsJson(valid.questions()), utc(now),
                        publishedAt == null ? null : utc(publishedAt))
                .update();
    }

    /** The service rules plus the retention period, every broken rule reported together. */
    private ServiceRules.ValidService checked(ServiceInput input, Predicate<String> codeTaken) {
        List<Violation> retention = new java.util.ArrayList<>();
        if (input != null && input.retentionDays() != null && (input.retentionDays() < 1 || input.retentionDays() > 36500)) {
            retention.add(new Violation("retentionDays", "catalogue.service.retentionDays"));
        }
        if (input != null && input.privacy() != null && RequestPrivacy.fromCode(input.privacy()).isEmpty()) {
            retention.add(new Violation("privacy", "catalogue.service.privacy"));
        }
        ServiceRules.ValidService valid;
        try {
            valid = rules.check(input, codeTaken);
        }
        catch (InvalidInput invalid) {
            List<Violation> all = new java.util.ArrayList<>(invalid.violations());
            all.addAll(retention);
            throw new InvalidInput(all);
        }
        if (!retention.isEmpty()) {
            throw new InvalidInput(retention);
        }
        return valid;
    }

    // ---- mapping ----

    private Service service(ResultSet rs, int row) throws SQLException {
        Array keywords = rs.getArray("keywords");
        return new Service(rs.getObject("id", UUID.class), rs.getString("code"), text(rs, "name"), text(rs, "description"),
                rs.getString("service_group"), keywords == null ? List.of() : Arrays.asList((String[]) keywords.getArray()),
                ServiceType.fromCode(rs.getString("type")).orElseThrow(), ServiceStatus.fromCode(rs.getString("status")).orElseThrow(),
                rs.getObject("team_id", UUID.class),
                new Sla(rs.getInt("sla_amount"), Sla.Unit.fromCode(rs.getString("sla_unit")).orElseThrow()),
                rs.getInt("current_version"), rs.getInt("retention_days"), rs.getBoolean("anonymous_requests"),
                RequestPrivacy.fromCode(rs.getString("privacy")).orElseThrow());
    }

    private ServiceVersion version(ResultSet rs, int row) throws SQLException {
        OffsetDateTime published = rs.getObject("published_at", OffsetDateTime.class);
        return new ServiceVersion(rs.getObject("service_id", UUID.class), rs.getString("code"), rs.getInt("version"),
                text(rs, "name"), text(rs, "description"), questions(rs.getString("questions")),
                published == null ? null : published.toInstant());
    }

    /** A column and its Welsh twin (column_cy). */
    private static org.civitas.catalogue.Text text(ResultSet rs, String column) throws SQLException {
        return org.civitas.catalogue.Text.of(rs.getString(column), rs.getString(column + "_cy"));
    }

    /** The version's questions as stored: each word a person reads with its Welsh twin in a key ending _cy, absent when there is none. */
    private String questionsJson(List<Question> questions) {
        List<Map<String, Object>> stored = new ArrayList<>();
        for (Question question : questions) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("code", question.code());
            map.put("datatype", question.datatype().code());
            map.put("required", question.required());
            map.put("variable", question.variable());
            map.put("description", question.description().en());
            putWelsh(map, "description_cy", question.description().cy());
            map.put("datatype_description", question.datatypeDescription().en());
            putWelsh(map, "datatype_description_cy", question.datatypeDescription().cy());
            map.put("order", question.order());
            map.put("values", question.values().stream().map(v -> {
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("key", v.key());
                value.put("name", v.name().en());
                putWelsh(value, "name_cy", v.name().cy());
                return value;
            }).toList());
            map.put("personal", question.personal());
            stored.add(map);
        }
        return json.writeValueAsString(stored);
    }

    private static void putWelsh(Map<String, Object> map, String key, String welsh) {
        if (welsh != null) {
            map.put(key, welsh);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Question> questions(String stored) {
        List<Map<String, Object>> maps = json.readValue(stored, new TypeReference<List<Map<String, Object>>>() { });
        List<Question> questions = new ArrayList<>();
        for (Map<String, Object> map : maps) {
            List<QuestionValue> values = ((List<Map<String, String>>) map.getOrDefault("values", List.of())).stream()
                    .map(v -> new QuestionValue(v.get("key"), org.civitas.catalogue.Text.of(v.get("name"), v.get("name_cy")))).toList();
            questions.add(new Question((String) map.get("code"), Datatype.fromCode((String) map.get("datatype")).orElseThrow(),
                    Boolean.TRUE.equals(map.get("required")), !Boolean.FALSE.equals(map.get("variable")),
                    org.civitas.catalogue.Text.of((String) map.get("description"), (String) map.get("description_cy")),
                    org.civitas.catalogue.Text.of((String) map.get("datatype_description"), (String) map.get("datatype_description_cy")),
                    ((Number) map.get("order")).intValue(), values, Boolean.TRUE.equals(map.get("personal"))));
        }
        return List.copyOf(questions);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

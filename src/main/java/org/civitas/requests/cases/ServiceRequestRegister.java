package org.civitas.requests.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.civitas.catalogue.Question;
import org.civitas.catalogue.Service;
import org.civitas.catalogue.Services;
import org.civitas.catalogue.WorkingCalendar;
import org.civitas.platform.CivitasProperties;
import org.civitas.trust.PersonalData;
import org.civitas.requests.RequestSubmitted;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/** Stores service requests and reads them back. */
@Component
public class ServiceRequestRegister {

    /** The fields a request's personal data is sealed for, under its requester's subject (the vault binds each value to its field). */
    public static final String CONTACT_FIELD = "requests.service_request.contact";
    public static final String DESCRIPTION_FIELD = "requests.service_request.description";
    /** address_string and address_id together, as JSON */
    public static final String ADDRESS_FIELD = "requests.service_request.address";
    /** "lat,long" */
    public static final String LOCATION_FIELD = "requests.service_request.location";
    public static final String MEDIA_URL_FIELD = "requests.service_request.media_url";
    /** the answers to personal questions, as JSON by question code */
    public static final String ANSWERS_FIELD = "requests.service_request.answers";

    private static final String COLUMNS = """
            id, reference, service_id, service_code, service_version, status, description, lat, long,
            address_string, address_id, media_url, channel, requested_at, updated_at, expected_at, token, status_note""";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final WorkingCalendar calendar;
    private final JsonMapper json;
    private final Clock clock;
    private final References references;
    private final PersonalData vault;
    private final Services services;

    ServiceRequestRegister(JdbcClient jdbc, ApplicationEventPublisher events, WorkingCalendar calendar, JsonMapper json,
                           Clock clock, CivitasProperties properties, PersonalData vault, Services services) {
        this.vault = vault;
        this.services = services;
        this.jdbc = jdbc;
        this.events = events;
        this.calendar = calendar;
        this.json = json;
        this.clock = clock;
        this.references = new References(properties.bodyName());
    }

    /**
     * Stores a checked request with a new reference and publishes {@link RequestSubmitted}, in one transaction.
     * <p>
     * What it says about a person is sealed for the requester (a subject of the request's own, made
     * when there is something to seal, anonymous requests included): contact details always; answers
     * to personal questions always; and for a private service's request also its description,
     * address, location and photo link, which are then not kept in clear at all. Public requests keep
     * those in clear: they describe a public place. The returned request is what the public may see.
     */
    @Transactional
    public ServiceRequest submit(NewServiceRequest request) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant expected = calendar.due(now, request.service().sla());
        UUID id = UUID.randomUUID();
        String token = request.service().type() == org.civitas.catalogue.ServiceType.BATCH ? UUID.randomUUID().toString() : null;
        boolean isPrivate = request.service().privateRequests();
        Map<String, List<String>> clearAnswers = new LinkedHashMap<>();
        Map<String, List<String>> personalAnswers = new LinkedHashMap<>();
        request.answers().forEach((code, values) -> (request.version().question(code).map(Question::personal).orElse(false)
                ? personalAnswers : clearAnswers).put(code, values));
        SealedDetails details = isPrivate
                ? new SealedDetails(request.description(), request.lat(), request.lon(), request.addressString(), request.addressId(),
                        request.mediaUrl(), personalAnswers)
                : new SealedDetails(null, null, null, null, null, null, personalAnswers);
        UUID requester;
        byte[] contact;
        if (request.sealedContact() != null) { // sealed already (the web journey's, for CONTACT_FIELD): taken over, not opened
            requester = request.sealedContact().subject();
            contact = request.sealedContact().value();
        } else {
            boolean hasContact = request.contact() != null && !request.contact().empty();
            requester = hasContact || !details.empty() ? vault.newSubject() : null;
            contact = hasContact ? vault.seal(requester, CONTACT_FIELD, request.contact().json()) : null;
        }
        Sealed sealed = seal(requester, details);
        // a private request's public view: no description, address, location or photo link
        String description = isPrivate ? null : request.description();
        java.math.BigDecimal lat = isPrivate ? null : request.lat();
        java.math.BigDecimal lon = isPrivate ? null : request.lon();
        String addressString = isPrivate ? null : request.addressString();
        String addressId = isPrivate ? null : request.addressId();
        String mediaUrl = isPrivate ? null : request.mediaUrl();
        String answers = json.writeValueAsString(clearAnswers);
        for (int attempt = 0; ; attempt++) {
            String reference = references.next();
            int inserted = jdbc.sql("""
                            insert into requests.service_request (id, reference, service_id, service_code, service_version, status,
                                description, lat, long, address_string, address_id, media_url, answers, channel,
                                requested_at, updated_at, expected_at, token, requester_subject, contact_sealed, requester_account, private,
                                description_sealed, address_sealed, location_sealed, media_url_sealed, answers_sealed, language)
                            values (?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            on conflict (reference) do nothing""")
                    .params(id, reference, request.service().id(), request.service().code(), request.version().version(),
                            description, lat, lon, addressString, addressId, mediaUrl, answers, request.channel().code(),
                            Timestamp.from(now), Timestamp.from(now), expected == null ? null : Timestamp.from(expected), token,
                            requester, contact, request.requesterAccount(), isPrivate,
                            sealed.description(), sealed.address(), sealed.location(), sealed.mediaUrl(), sealed.answers(),
                            request.language())
                    .update();
            if (inserted == 1) {
                events.publishEvent(new RequestSubmitted(id, reference, request.service().code(), request.channel().code()));
                return new ServiceRequest(id, reference, request.service().id(), request.service().code(),
                        request.version().version(), RequestStatus.SUBMITTED, description, lat, lon, addressString, addressId, mediaUrl,
                        request.channel(), now, now, expected, token);
            }
            if (attempt >= 5) {
                throw new IllegalStateException("could not find a free request reference");
            }
        }
    }

    private record SealedRow(UUID subject, byte[] description, byte[] address, byte[] location, byte[] mediaUrl, byte[] answers) {
    }

    /** The sealed columns of a request; null where there is nothing to seal. */
    private record Sealed(byte[] description, byte[] address, byte[] location, byte[] mediaUrl, byte[] answers) {
    }

    private Sealed seal(UUID subject, SealedDetails details) {
        if (details.empty()) {
            return new Sealed(null, null, null, null, null);
        }
        Map<String, String> address = new LinkedHashMap<>();
        address.put("addressString", details.addressString());
        address.put("addressId", details.addressId());
        return new Sealed(
                details.description() == null ? null : vault.seal(subject, DESCRIPTION_FIELD, details.description()),
                details.addressString() == null && details.addressId() == null ? null
                        : vault.seal(subject, ADDRESS_FIELD, json.writeValueAsString(address)),
                details.lat() == null ? null
                        : vault.seal(subject, LOCATION_FIELD, details.lat().toPlainString() + "," + details.lon().toPlainString()),
                details.mediaUrl() == null ? null : vault.seal(subject, MEDIA_URL_FIELD, details.mediaUrl()),
                details.personalAnswers().isEmpty() ? null
                        : vault.seal(subject, ANSWERS_FIELD, json.writeValueAsString(details.personalAnswers())));
    }

    /**
     * What the request says about its requester, opened from the vault: empty when it holds nothing
     * sealed besides contact details, or once the requester's data has been erased. The caller has
     * decided the reader may see it, and records the access (the contact reveal, the person's export).
     */
    @Transactional(readOnly = true)
    public Optional<SealedDetails> sealedDetails(UUID requestId) {
        SealedRow row = jdbc.sql("""
                        select requester_subject as subject, description_sealed as description, address_sealed as address,
                               location_sealed as location, media_url_sealed as media_url, answers_sealed as answers
                        from requests.service_request where id = ?""")
                .param(requestId).query(SealedRow.class).optional().orElse(null);
        if (row == null || row.subject() == null || (row.description() == null && row.address() == null && row.location() == null
                && row.mediaUrl() == null && row.answers() == null)) {
            return Optional.empty();
        }
        List<String> fields = new java.util.ArrayList<>();
        List<PersonalData.Sealed> values = new java.util.ArrayList<>();
        for (var each : List.of(Map.entry(DESCRIPTION_FIELD, java.util.Optional.ofNullable(row.description())),
                Map.entry(ADDRESS_FIELD, java.util.Optional.ofNullable(row.address())),
                Map.entry(LOCATION_FIELD, java.util.Optional.ofNullable(row.location())),
                Map.entry(MEDIA_URL_FIELD, java.util.Optional.ofNullable(row.mediaUrl())),
                Map.entry(ANSWERS_FIELD, java.util.Optional.ofNullable(row.answers())))) {
            each.getValue().ifPresent(bytes -> {
                fields.add(each.getKey());
                values.add(new PersonalData.Sealed(each.getKey(), bytes));
            });
        }
        return vault.openAll(row.subject(), values).map(opened -> {
            Map<String, String> byField = new java.util.HashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                byField.put(fields.get(i), opened.get(i));
            }
            Map<String, String> address = byField.containsKey(ADDRESS_FIELD)
                    ? json.readValue(byField.get(ADDRESS_FIELD), new tools.jackson.core.type.TypeReference<Map<String, String>>() { })
                    : Map.of();
            String[] location = byField.containsKey(LOCATION_FIELD) ? byField.get(LOCATION_FIELD).split(",", 2) : null;
            Map<String, List<String>> answers = byField.containsKey(ANSWERS_FIELD)
                    ? json.readValue(byField.get(ANSWERS_FIELD), new tools.jackson.core.type.TypeReference<Map<String, List<String>>>() { })
                    : Map.of();
            return new SealedDetails(byField.get(DESCRIPTION_FIELD), location == null ? null : new java.math.BigDecimal(location[0]),
                    location == null ? null : new java.math.BigDecimal(location[1]), address.get("addressString"), address.get("addressId"),
                    byField.get(MEDIA_URL_FIELD), answers);
        });
    }

    /** The request with this public reference, as typed (case does not matter). */
    @Transactional(readOnly = true)
    public Optional<ServiceRequest> byReference(String reference) {
        return References.normalise(reference).flatMap(normalised -> jdbc
                .sql("select " + COLUMNS + " from requests.service_request where reference = ?")
                .param(normalised).query(ServiceRequestRegister::row).optional());
    }

    /**
     * The request with this reference if anyone may see it: empty for a private request (one made
     * private, or of a service that is private now), as for an unknown reference.
     */
    @Transactional(readOnly = true)
    public Optional<ServiceRequest> publicByReference(String reference) {
        return References.normalise(reference).flatMap(normalised -> jdbc
                .sql("select " + COLUMNS + " from requests.service_request where reference = ? and " + PUBLIC_ONLY)
                .params(normalised, privateServiceIds()).query(ServiceRequestRegister::row).optional());
    }

    /** The requests with these public references, newest first; private ones left out (see {@link #publicByReference}). */
    @Transactional(readOnly = true)
    public List<ServiceRequest> byReferences(Collection<String> typed, int limit) {
        return byReferences(typed, limit, false);
    }

    /** The requests with these public references, newest first; private ones only {@code withPrivate}. */
    @Transactional(readOnly = true)
    public List<ServiceRequest> byReferences(Collection<String> typed, int limit, boolean withPrivate) {
        List<String> normalised = typed.stream().map(References::normalise).flatMap(Optional::stream).distinct().toList();
        if (normalised.isEmpty()) {
            return List.of();
        }
        List<Object> params = new java.util.ArrayList<>();
        params.add(normalised.toArray(String[]::new));
        if (!withPrivate) {
            params.add(privateServiceIds());
        }
        params.add(limit);
        return jdbc.sql("select " + COLUMNS + " from requests.service_request where reference = any(?) "
                        + (withPrivate ? "" : "and " + PUBLIC_ONLY + " ") + "order by requested_at desc, reference limit ?")
                .params(params).query(ServiceRequestRegister::row).list();
    }

    /**
     * Keyless outputs show only public requests: not made private, and not of a service that is
     * private now (a service made private later takes its earlier requests out of view too).
     */
    private static final String PUBLIC_ONLY = "not private and not (service_id = any(?))";

    private UUID[] privateServiceIds() {
        return services.all().stream().filter(Service::privateRequests).map(Service::id).toArray(UUID[]::new);
    }

    static ServiceRequest row(ResultSet rs, int rowNum) throws SQLException {
        return new ServiceRequest(rs.getObject("id", UUID.class), rs.getString("reference"),
                rs.getObject("service_id", UUID.class), rs.getString("service_code"), rs.getInt("service_version"),
                RequestStatus.fromCode(rs.getString("status")).orElseThrow(), rs.getString("description"),
                rs.getBigDecimal("lat"), rs.getBigDecimal("long"), rs.getString("address_string"),
                rs.getString("address_id"), rs.getString("media_url"), channel(rs.getString("channel")),
                instant(rs, "requested_at"), instant(rs, "updated_at"), instant(rs, "expected_at"), rs.getString("token"),
                rs.getString("status_note"));
    }

    private static Channel channel(String code) {
        for (Channel channel : Channel.values()) {
            if (channel.code().equals(code)) {
                return channel;
            }
        }
        throw new IllegalStateException("unknown channel " + code);
    }

    /** Through OffsetDateTime: getTimestamp's calendar conversions were a large part of reading a list. */
    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.time.OffsetDateTime value = rs.getObject(column, java.time.OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The request a batch service's token stands for (Open311 GET tokens/{token}). */
    @Transactional(readOnly = true)
    public Optional<ServiceRequest> byToken(String token) {
        return jdbc.sql("select " + COLUMNS + " from requests.service_request where token = ?")
                .param(token).query(ServiceRequestRegister::row).optional();
    }

    /** {@link #search(Instant, Instant, Collection, Collection, long, int, boolean)} without private requests. */
    @Transactional(readOnly = true)
    public List<ServiceRequest> search(Instant from, Instant to, Collection<String> serviceCodes,
                                       Collection<RequestStatus> statuses, long offset, int limit) {
        return search(from, to, serviceCodes, statuses, offset, limit, false);
    }

    /**
     * One page of the requests made in {@code [from, to)}, optionally only for some services and
     * some statuses: newest first, then by reference, from {@code offset} on, at most {@code limit}.
     * Private requests only {@code withPrivate} (a caller with a key that may read cases).
     */
    @Transactional(readOnly = true)
    public List<ServiceRequest> search(Instant from, Instant to, Collection<String> serviceCodes,
                                       Collection<RequestStatus> statuses, long offset, int limit, boolean withPrivate) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS
                + " from requests.service_request where requested_at >= ? and requested_at < ?");
        List<Object> params = new java.util.ArrayList<>(List.of(Timestamp.from(from), Timestamp.from(to)));
        if (!withPrivate) {
            sql.append(" and ").append(PUBLIC_ONLY);
            params.add(privateServiceIds());
        }
        if (!serviceCodes.isEmpty()) {
            sql.append(" and service_code = any(?)");
            params.add(serviceCodes.toArray(String[]::new));
        }
        if (!statuses.isEmpty()) {
            sql.append(" and status = any(?)");
            params.add(statuses.stream().map(RequestStatus::code).toArray(String[]::new));
        }
        sql.append(" order by requested_at desc, reference offset ? limit ?");
        params.add(offset);
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(ServiceRequestRegister::row).list();
    }
}

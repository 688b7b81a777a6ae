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
import java.util.Optional;
import java.util.UUID;

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

    ServiceRequestRegister(JdbcClient jdbc, ApplicationEventPublisher events, WorkingCalendar calendar, JsonMapper json,
                           Clock clock, CivitasProperties properties, PersonalData vault) {
        this.vault = vault;
        this.jdbc = jdbc;
        this.events = events;
        this.calendar = calendar;
        this.json = json;
        this.clock = clock;
        this.references = new References(properties.bodyName());
    }

    /** Stores a checked request with a new reference and publishes {@link RequestSubmitted}, in one transaction. */
    @Transactional
    public ServiceRequest submit(NewServiceRequest request) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant expected = calendar.due(now, request.service().sla());
        UUID id = UUID.randomUUID();
        String token = request.service().type() == org.civitas.catalogue.ServiceType.BATCH ? UUID.randomUUID().toString() : null;
        String answers = json.writeValueAsString(new LinkedHashMap<>(request.answers()));
        UUID requester = null;
        byte[] contact = null;
        if (request.sealedContact() != null) { // sealed already (the web journey's): taken over, not opened
            requester = request.sealedContact().subject();
            contact = request.sealedContact().value();
        }
        else if (request.contact() != null && !request.contact().empty()) {
            requester = vault.newSubject();
            contact = vault.seal(requester, request.contact().json());
        }
        for (int attempt = 0; ; attempt++) {
            String reference = references.next();
            int inserted = jdbc.sql("""
                            insert into requests.service_request (id, reference, service_id, service_code, service_version, status,
                                description, lat, long, address_string, address_id, media_url, answers, channel,
                                requested_at, updated_at, expected_at, token, requester_subject, contact_sealed, requester_account)
                            values (?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?)
                            on conflict (reference) do nothing""")
                    .params(id, reference, request.service().id(), request.service().code(), request.version().version(),
                            request.description(), request.lat(), request.lon(), request.addressString(), request.addressId(),
                            request.mediaUrl(), answers, request.channel().code(),
                            Timestamp.from(now), Timestamp.from(now), expected == null ? null : Timestamp.from(expected), token,
                            requester, contact, request.requesterAccount())
                    .update();
            if (inserted == 1) {
                events.publishEvent(new RequestSubmitted(id, reference, request.service().code(), request.channel().code()));
                return new ServiceRequest(id, reference, request.service().id(), request.service().code(),
                        request.version().version(), RequestStatus.SUBMITTED, request.description(), request.lat(),
                        request.lon(), request.addressString(), request.addressId(), request.mediaUrl(), request.channel(),
                        now, now, expected, token);
            }
            if (attempt >= 5) {
                throw new IllegalStateException("could not find a free request reference");
            }
        }
    }

    /** The request with this public reference, as typed (case does not matter). */
    @Transactional(readOnly = true)
    public Optional<ServiceRequest> byReference(String reference) {
        return References.normalise(reference).flatMap(normalised -> jdbc
                .sql("select " + COLUMNS + " from requests.service_request where reference = ?")
                .param(normalised).query(ServiceRequestRegister::row).optional());
    }

    /** The requests with these public references, newest first. */
    @Transactional(readOnly = true)
    public List<ServiceRequest> byReferences(Collection<String> typed, int limit) {
        List<String> normalised = typed.stream().map(References::normalise).flatMap(Optional::stream).distinct().toList();
        if (normalised.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from requests.service_request where reference = any(?) "
                        + "order by requested_at desc, reference limit ?")
                .params(normalised.toArray(String[]::new), limit).query(ServiceRequestRegister::row).list();
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

    /**
     * One page of the requests made in {@code [from, to)}, optionally only for some services and
     * some statuses: newest first, then by reference, from {@code offset} on, at most {@code limit}.
     */
    @Transactional(readOnly = true)
    public List<ServiceRequest> search(Instant from, Instant to, Collection<String> serviceCodes,
                                       Collection<RequestStatus> statuses, long offset, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS
                + " from requests.service_request where requested_at >= ? and requested_at < ?");
        List<Object> params = new java.util.ArrayList<>(List.of(Timestamp.from(from), Timestamp.from(to)));
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

package org.civitas.requests.contact;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.civitas.catalogue.Service;
import org.civitas.catalogue.Services;
import org.civitas.requests.cases.ServiceRequestRegister;
import org.civitas.requests.cases.Contact;
import org.civitas.trust.PersonalData;
import org.civitas.trust.PersonalDataHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * The requests module's part in a person's data rights: the contact details they gave with the
 * requests they made while signed in. Erasure destroys those details' data keys; the requests stay
 * with their non-personal content (what, where, status).
 */
@Component
class RequesterDataHolder implements PersonalDataHolder {

    private final JdbcClient jdbc;
    private final PersonalData vault;
    private final JsonMapper json;
    private final Clock clock;
    private final ServiceRequestRegister register;
    private final Services services;

    RequesterDataHolder(JdbcClient jdbc, PersonalData vault, JsonMapper json, Clock clock, ServiceRequestRegister register,
                        Services services) {
        this.register = register;
        this.services = services;
        this.jdbc = jdbc;
        this.vault = vault;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public List<UUID> subjectsOf(UUID accountId) {
        return jdbc.sql("""
                        select requester_subject from requests.service_request
                        where requester_account = ? and requester_subject is not null order by requested_at""")
                .param(accountId).query(UUID.class).list();
    }

    @Override
    public Map<String, Object> export(UUID accountId) {
        record Mine(UUID id, String reference, String serviceCode, String status, String description, String addressString,
                    Timestamp requestedAt, String statusNote, UUID requesterSubject, byte[] contactSealed) {
        }
        List<Map<String, Object>> requests = new ArrayList<>();
        for (Mine mine : jdbc.sql("""
                        select id, reference, service_code, status, description, address_string, requested_at, status_note,
                               requester_subject, contact_sealed
                        from requests.service_request where requester_account = ? order by requested_at desc""")
                .param(accountId).query(Mine.class).list()) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("reference", mine.reference());
            request.put("service", mine.serviceCode());
            request.put("status", mine.status());
            request.put("description", mine.description());
            request.put("address", mine.addressString());
            request.put("requestedAt", mine.requestedAt().toInstant().toString());
            request.put("statusNote", mine.statusNote());
            if (mine.requesterSubject() != null && !vault.readable(mine.requesterSubject())) {
                request.put("contact", "erased");
            } else if (mine.requesterSubject() != null) {
                if (mine.contactSealed() != null) {
                    request.put("contact", vault.open(mine.requesterSubject(), ServiceRequestRegister.CONTACT_FIELD, mine.contactSealed())
                            .map(opened -> (Object) contact(json.readValue(opened, Contact.class))).orElse("erased"));
                }
                // what a private request, or a personal answer, keeps sealed about the person (issue 12)
                register.sealedDetails(mine.id()).ifPresent(details -> {
                    if (details.description() != null) {
                        request.put("description", details.description());
                    }
                    if (details.addressString() != null) {
                        request.put("address", details.addressString());
                    }
                    if (details.addressId() != null) {
                        request.put("addressId", details.addressId());
                    }
                    if (details.lat() != null) {
                        request.put("location", Map.of("lat", details.lat(), "long", details.lon()));
                    }
                    if (details.mediaUrl() != null) {
                        request.put("mediaUrl", details.mediaUrl());
                    }
                    if (!details.personalAnswers().isEmpty()) {
                        request.put("personalAnswers", details.personalAnswers());
                    }
                });
            }
            requests.add(request);
        }
        return Map.of("requests", requests);
    }

    private static Map<String, Object> contact(Contact contact) {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("firstName", contact.firstName());
        given.put("lastName", contact.lastName());
        given.put("email", contact.email());
        given.put("phone", contact.phone());
        return given;
    }

    @Override
    public void erase(UUID accountId) {
        List<UUID> subjects = subjectsOf(accountId);
        subjects.forEach(vault::erase);
        List<UUID> erased = jdbc.sql("""
                        update requests.service_request set requester_erased_at = coalesce(requester_erased_at, ?)
                        where requester_account = ? and requester_subject is not null returning id""")
                .params(Timestamp.from(clock.instant()), accountId).query(UUID.class).list();
        PrivateRequestText.clear(jdbc, erased, services.all().stream().filter(Service::privateRequests).map(Service::id)
                .toArray(UUID[]::new));
    }
}

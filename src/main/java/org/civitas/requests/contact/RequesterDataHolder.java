package org.civitas.requests.contact;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

    RequesterDataHolder(JdbcClient jdbc, PersonalData vault, JsonMapper json, Clock clock) {
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
        record Mine(String reference, String serviceCode, String status, String description, String addressString,
                    Timestamp requestedAt, String statusNote, UUID requesterSubject, byte[] contactSealed) {
        }
        List<Map<String, Object>> requests = new ArrayList<>();
        for (Mine mine : jdbc.sql("""
                        select reference, service_code, status, description, address_string, requested_at, status_note,
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
            if (mine.requesterSubject() != null) {
                request.put("contact", vault.open(mine.requesterSubject(), mine.contactSealed())
                        .map(opened -> (Object) contact(json.readValue(opened, Contact.class))).orElse("erased"));
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
        jdbc.sql("""
                        update requests.service_request set requester_erased_at = coalesce(requester_erased_at, ?)
                        where requester_account = ? and requester_subject is not null""")
                .params(Timestamp.from(clock.instant()), accountId).update();
    }
}

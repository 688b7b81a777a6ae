package org.civitas.requests.contact;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.civitas.requests.cases.SealedDetails;
import org.civitas.requests.cases.ServiceRequestRegister;
import org.civitas.catalogue.Service;
import org.civitas.requests.cases.Markup;
import org.civitas.catalogue.Services;
import org.civitas.catalogue.Team;
import org.civitas.catalogue.Teams;
import org.civitas.identity.ApiClient;
import org.civitas.identity.CivitasPrincipal;
import org.civitas.identity.Role;
import org.civitas.platform.CivitasProperties;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.Violation;
import org.civitas.requests.cases.Contact;
import org.civitas.requests.cases.References;
import org.civitas.trust.AccessLog;
import org.civitas.trust.DataAccess;
import org.civitas.trust.PersonalData;
import org.civitas.trust.Purposes;
import org.civitas.trust.Viewer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The one way a requester's contact details leave the requests module: a member of staff whose
 * team handles the case, or an API client with the {@value #SCOPE} scope, states why, and the
 * access is written to the trust module's access log in the same transaction as the read.
 * Anyone else gets nothing, and the refusal is written to the access log too (in a transaction of
 * its own, so the refusal is kept although the request fails).
 */
@Component
public class ContactReveal {

    /** The API scope that lets a client read contact details. */
    public static final String SCOPE = org.civitas.identity.ApiScopes.REQUESTS_CONTACT;

    /**
     * What the caller gets: the contact, or why there is none to show; and what else the request
     * keeps sealed about the person (a private request's description, address, location and photo
     * link, answers to personal questions), or null when it keeps nothing else or it is erased.
     */
    public record Revealed(String reference, State state, Contact contact, SealedDetails details) {

        public Revealed(String reference, State state, Contact contact) {
            this(reference, state, contact, null);
        }
    }

    public enum State { SHOWN, NONE_GIVEN, ERASED }

    /** The caller may not see this case's contact details. */
    public static class Refused extends RuntimeException {
        private final boolean forbidden;

        Refused(boolean forbidden) {
            super("contact refused");
            this.forbidden = forbidden;
        }

        /**
         * True when the caller may not see any contact details at all (an API client without the
         * scope, a citizen): 403. False for staff and a case they may not see: 404, as if it did not exist.
         */
        public boolean forbidden() {
            return forbidden;
        }
    }

    private record Requester(UUID id, String reference, UUID serviceId, UUID subject, byte[] sealed) {
    }

    private final JdbcClient jdbc;
    private final PersonalData vault;
    private final AccessLog accessLog;
    private final Services services;
    private final Teams teams;
    private final CivitasProperties properties;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    /**
     * A transaction of its own for a refusal, whatever the caller's: the request fails, and its own
     * transaction (an Idempotency-Key's, say) is rolled back, but the refusal is kept.
     */
    private final TransactionTemplate ownTransaction;
    private final ServiceRequestRegister register;

    ContactReveal(JdbcClient jdbc, PersonalData vault, AccessLog accessLog, Services services, Teams teams,
                  CivitasProperties properties, JsonMapper json, TransactionTemplate transactions, ServiceRequestRegister register) {
        this.register = register;
        this.jdbc = jdbc;
        this.vault = vault;
        this.accessLog = accessLog;
        this.services = services;
        this.teams = teams;
        this.properties = properties;
        this.json = json;
        this.transactions = transactions;
        this.ownTransaction = new TransactionTemplate(transactions.getTransactionManager());
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Whether the caller may ask for this case's contact details (to show the form). A caller who
     * may not is refused and the attempt recorded.
     */
    public void checkMayReveal(Authentication caller, String reference) {
        allowed(caller, reference, DataAccess.REVEAL, null, null);
    }

    /**
     * Checks the purpose, then reads the contact and records the access, in one transaction.
     *
     * @throws Refused      the caller may not see this case's contact (recorded as refused)
     * @throws InvalidInput the purpose is missing, unknown, or "other" without words (fields purpose, detail)
     */
    public Revealed reveal(Authentication caller, String reference, String purpose, String detail) {
        String action = caller != null && caller.getPrincipal() instanceof ApiClient ? DataAccess.API_READ : DataAccess.REVEAL;
        Requester requester = allowed(caller, reference, action, blankToNull(purpose), detail);
        List<Violation> violations = new ArrayList<>();
        String code = purpose == null ? "" : purpose.trim();
        if (code.isEmpty()) {
            violations.add(new Violation("purpose", "requests.contact.purpose.required"));
        }
        else if (!Purposes.FOR_CONTACT.contains(code)) {
            violations.add(new Violation("purpose", "requests.contact.purpose.unknown"));
        }
        String words = blankToNull(detail);
        if (Purposes.OTHER.equals(code) && words == null) {
            violations.add(new Violation("detail", "requests.contact.detail.required"));
        }
        else if (words != null && words.length() > Purposes.MAX_DETAIL) {
            violations.add(new Violation("detail", "requests.contact.detail.length"));
        }
        else if (words != null && Markup.in(words)) {
            violations.add(new Violation("detail", "requests.contact.detail.markup"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        return transactions.execute(status -> {
            if (requester.subject() == null) {
                return new Revealed(requester.reference(), State.NONE_GIVEN, null);
            }
            if (!vault.readable(requester.subject())) {
                return new Revealed(requester.reference(), State.ERASED, null);
            }
            Contact contact = requester.sealed() == null ? null : vault.open(requester.subject(), ServiceRequestRegister.CONTACT_FIELD,
                    requester.sealed()).map(opened -> json.readValue(opened, Contact.class)).orElse(null);
            SealedDetails details = register.sealedDetails(requester.id()).orElse(null);
            List<String> fields = new ArrayList<>(contact == null ? List.of() : fields(contact));
            if (details != null) {
                fields.addAll(details.fieldNames());
            }
            if (!fields.isEmpty()) {
                accessLog.record(new DataAccess(viewer(caller, requester.serviceId()), requester.subject(), action, true, fields,
                        code, words, requester.reference()));
            }
            return new Revealed(requester.reference(), contact == null ? State.NONE_GIVEN : State.SHOWN, contact, details);
        });
    }

    private Requester allowed(Authentication caller, String reference, String action, String purpose, String detail) {
        Optional<Requester> requester = References.normalise(reference == null ? "" : reference).flatMap(normalised -> jdbc.sql("""
                        select id, reference, service_id, requester_subject as subject, contact_sealed as sealed
                        from requests.service_request where reference = ?""")
                .param(normalised).query(Requester.class).optional());
        Object principal = caller == null ? null : caller.getPrincipal();
        boolean forbidden;
        boolean allowed;
        if (principal instanceof ApiClient client) {
            allowed = client.hasScope(SCOPE);
            forbidden = !allowed;
        }
        else if (principal instanceof CivitasPrincipal person && person.staff()) {
            allowed = requester.isPresent() && (person.hasRole(Role.ADMINISTRATOR) || teamOf(requester.get().serviceId())
                    .filter(person.teamIds()::contains).isPresent());
            forbidden = false;
        }
        else {
            allowed = false;
            forbidden = true;
        }
        if (requester.isEmpty() || !allowed) {
            if (principal != null) {
                // a refusal names the data the caller tried to reach, if there is any; the purpose words are not kept
                UUID subject = requester.map(Requester::subject).orElse(null);
                ownTransaction.executeWithoutResult(status -> accessLog.record(new DataAccess(
                        viewer(caller, requester.map(Requester::serviceId).orElse(null)), subject, action, false, List.of(),
                        purpose != null && Purposes.FOR_CONTACT.contains(purpose) ? purpose : null, null,
                        requester.map(Requester::reference).orElse(null))));
            }
            throw new Refused(forbidden);
        }
        return requester.get();
    }

    private Optional<UUID> teamOf(UUID serviceId) {
        return services.byId(serviceId).map(Service::teamId);
    }

    private Viewer viewer(Authentication caller, UUID serviceId) {
        Object principal = caller.getPrincipal();
        if (principal instanceof ApiClient client) {
            return new Viewer(Viewer.API, client.keyId(), null, null, null, client.owner());
        }
        CivitasPrincipal person = (CivitasPrincipal) principal;
        Set<UUID> personTeams = person.teamIds();
        UUID team = serviceId == null ? null : teamOf(serviceId).filter(personTeams::contains).orElse(null);
        if (team == null && !personTeams.isEmpty()) {
            team = personTeams.iterator().next();
        }
        String teamName = team == null ? null : teams.byIds(List.of(team)).stream().map(Team::name).findFirst().orElse(null);
        return new Viewer(person.staff() ? Viewer.STAFF : Viewer.CITIZEN, person.accountId(), highestRole(person), team, teamName,
                properties.bodyName());
    }

    private static String highestRole(CivitasPrincipal person) {
        Role highest = Role.CITIZEN;
        for (Role role : person.roles()) {
            if (role.ordinal() > highest.ordinal()) {
                highest = role;
            }
        }
        return highest.code();
    }

    static List<String> fields(Contact contact) {
        List<String> fields = new ArrayList<>();
        if (contact.firstName() != null) {
            fields.add("first_name");
        }
        if (contact.lastName() != null) {
            fields.add("last_name");
        }
        if (contact.email() != null) {
            fields.add("email");
        }
        if (contact.phone() != null) {
            fields.add("phone");
        }
        return fields;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

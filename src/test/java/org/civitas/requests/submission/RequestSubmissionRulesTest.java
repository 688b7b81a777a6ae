package org.civitas.requests.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.civitas.CivitasTest;
import org.civitas.catalogue.Service;
import org.civitas.catalogue.ServiceVersion;
import org.civitas.catalogue.Services;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.Violation;
import org.civitas.requests.cases.CaseScope;
import org.civitas.requests.cases.Channel;
import org.civitas.requests.cases.Contact;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every rule of a new request, once, each named by its domain field; nothing is written when one is broken. */
@CivitasTest
class RequestSubmissionRulesTest {

    @Autowired
    RequestSubmission submission;

    @Autowired
    Services services;

    @Autowired
    JdbcClient jdbc;

    private RequestDraft draft(String code, String description, String address, String lat, String lon,
                               Map<String, List<String>> answers, Contact contact) {
        Service service = services.liveByCode(code).orElseThrow();
        ServiceVersion version = services.version(service.id(), service.version()).orElseThrow();
        return new RequestDraft(service, version, Channel.OPEN311, description, address, null, lat, lon, null, answers, contact,
                null, null);
    }

    private List<Violation> refused(RequestDraft draft) {
        long before = jdbc.sql("select count(*) from requests.service_request").query(Long.class).single();
        try {
            submission.submit(draft);
        } catch (InvalidInput invalid) {
            assertThat(jdbc.sql("select count(*) from requests.service_request").query(Long.class).single()).isEqualTo(before);
            return invalid.violations();
        }
        throw new AssertionError("accepted");
    }

    private static final Map<String, List<String>> POTHOLE = Map.of("size", List.of("large"), "surface", List.of("road"));

    @Test
    void eachRuleNamesItsDomainField() {
        assertThat(refused(draft("pothole", null, null, null, null, POTHOLE, null)))
                .containsExactly(new Violation("location", "requests.submission.location.required"));
        assertThat(refused(draft("pothole", null, null, "51.5", null, POTHOLE, null)))
                .containsExactly(new Violation("location.lon", "requests.submission.coordinate.pair"));
        assertThat(refused(draft("pothole", null, null, "NaN", "181", POTHOLE, null))).containsExactly(
                new Violation("location.lat", "requests.submission.coordinate.number"),
                new Violation("location.lon", "requests.submission.longitude.range"));
        assertThat(refused(draft("pothole", "a".repeat(4001), "<i>here</i>", null, null, POTHOLE, null))).containsExactly(
                new Violation("location.address", "requests.text.markup"),
                new Violation("description", "requests.submission.description.length"));
        assertThat(refused(draft("pothole", null, "here", null, null, Map.of("size", List.of("huge")), null))).extracting(Violation::field)
                .containsExactly("answers.size", "answers.surface");
        assertThat(refused(draft("pothole", null, "here", null, null, POTHOLE,
                new Contact("Ann\nB", "x".repeat(201), "ann@", "call me")))).extracting(Violation::field)
                .containsExactly("contact.firstName", "contact.lastName", "contact.email", "contact.phone");
    }

    @Test
    void aServiceThatRefusesAnonymousRequestsNeedsANameAndAWayToReachThePerson() {
        Map<String, List<String>> permit = Map.of("vehicle_registration", List.of("AB12 CDE"), "zone", List.of("c"),
                "permit_length", List.of("12m"), "start_date", List.of("2027-03-01T00:00:00Z"));
        assertThat(refused(draft("parking-permit", null, "3 Station Road", null, null, permit, null))).containsExactly(
                new Violation("contact.name", "requests.submission.name.required"),
                new Violation("contact.email", "requests.submission.reach.required"));
        assertThat(refused(draft("parking-permit", null, "3 Station Road", null, null, permit, new Contact("Ann", null, null, null))))
                .containsExactly(new Violation("contact.email", "requests.submission.reach.required"));
        assertThat(submission.submit(draft("parking-permit", null, "3 Station Road", null, null, permit,
                new Contact(null, "Example", null, "01632 960 001"))).reference()).isNotBlank();
    }

    @Test
    void lengthsAreCountedInCodePointsAndTextIsTakenWithoutTheBlanksAroundIt() {
        String emoji = "\uD83D\uDD73";
        var stored = submission.submit(draft("pothole", "  " + emoji.repeat(4000) + "\n", " here ", " 51.4613 ", "-0.3037", POTHOLE, null));
        assertThat(stored.description()).isEqualTo(emoji.repeat(4000));
        assertThat(stored.addressString()).isEqualTo("here");
        assertThat(stored.lat()).isEqualByComparingTo("51.4613");
    }

    @Test
    void staffEnterRequestsOnlyForTheirTeamsServicesByPhoneOrAtTheCounter() {
        var entry = new RequestSubmission.StaffEntry("pothole", "email", null, "here", null, null, POTHOLE, null);
        assertThatThrownBy(() -> submission.enter(CaseScope.teams(java.util.Set.of()), entry)).isInstanceOfSatisfying(InvalidInput.class,
                invalid -> assertThat(invalid.violations()).containsExactly(
                        new Violation("channel", "requests.submission.channel.unknown"),
                        new Violation("service", "requests.submission.service.unknown")));
        var stored = submission.enter(CaseScope.all(), new RequestSubmission.StaffEntry("pothole", "counter", null, "here", null, null,
                POTHOLE, null));
        assertThat(stored.channel()).isEqualTo(Channel.COUNTER);
    }
}

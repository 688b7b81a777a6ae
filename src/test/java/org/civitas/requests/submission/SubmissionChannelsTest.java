package org.civitas.requests.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.civitas.CivitasTest;
import org.civitas.platform.CivitasProperties;
import org.civitas.requests.cases.Actor;
import org.civitas.requests.cases.CaseScope;
import org.civitas.requests.cases.Cases;
import org.civitas.requests.cases.ServiceRequestRegister;
import org.civitas.support.DatabaseOwner;
import org.civitas.support.WebSession;
import org.civitas.trust.PersonalData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The findings of issue 12 about making a request, each over real HTTP on the channel it was found on:
 * coordinates that cost seconds of CPU or a 500, a service refusing anonymous requests that took them
 * through Open311, lengths counted in UTF-16 units on the web, a web submission in four commits that
 * opened and sealed the contact details again, and an assignment shown as a status step.
 */
@CivitasTest
class SubmissionChannelsTest {

    private static final Pattern REFERENCE = Pattern.compile("data-reference>([A-Z]+-[A-Z0-9]{4}-[A-Z0-9]{4})<");
    private static final String FORM = "application/x-www-form-urlencoded";
    /** One code point, two UTF-16 units. */
    private static final String POTHOLE_EMOJI = "\uD83D\uDD73";

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    CivitasProperties properties;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PersonalData vault;

    @Autowired
    Cases cases;

    // ---- coordinates ----

    @Test
    void anExponentInTheWebsPinIsAClearErrorNotA500() {
        WebSession resident = new WebSession(port);
        resident.get("/report/pothole/location");
        HttpResponse<String> refused = resident.postForm("/report/pothole/location",
                Map.of("address", "", "lat", "1e-2000000000", "lon", "-0.3"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("govuk-error-summary").contains("href=\"#address\"")
                .contains("Enter a number in decimal degrees");
        HttpResponse<String> tiny = resident.postForm("/report/pothole/location",
                Map.of("address", "", "lat", "1e-40000000", "lon", "-0.3"));
        assertThat(tiny.statusCode()).isEqualTo(400);
        assertThat(WebSession.location(resident.postForm("/report/pothole/location", Map.of("address", "", "lat", "51.4613", "lon", "-0.3037"))))
                .isEqualTo("/report/pothole/question/size");
    }

    @Test
    void anExponentInOpen311sLatIsAnOpen311ErrorNamingLat() {
        for (String lat : List.of("1e-2000000000", "1e-40000000")) {
            Map<String, String> form = pothole();
            form.put("lat", lat);
            int before = rows();
            HttpResponse<String> response = post(form);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.body()).contains("lat: Enter a number in decimal degrees");
            assertThat(rows()).isEqualTo(before);
        }
    }

    // ---- anonymity ----

    @Test
    void aServiceThatRefusesAnonymousRequestsRefusesThemThroughOpen311Too() {
        Map<String, String> form = parkingPermit();
        int before = rows();
        HttpResponse<String> refused = post(form);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("first_name: Enter your full name").contains("email: Enter an email address or a phone number");
        assertThat(rows()).isEqualTo(before);

        form.put("first_name", "Ann");
        form.put("last_name", "Example");
        form.put("phone", "01632 960 001");
        HttpResponse<String> accepted = post(form);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(rows()).isEqualTo(before + 1);
    }

    // ---- lengths in code points ----

    @Test
    void theWebCountsADescriptionInCodePointsAsOpen311Does() {
        String longest = POTHOLE_EMOJI.repeat(4000);
        WebSession resident = new WebSession(port);
        resident.get("/report/graffiti/location");
        resident.postForm("/report/graffiti/location", Map.of("address", "Bridge on Mill Lane"));
        resident.get("/report/graffiti/description");
        assertThat(WebSession.location(resident.postForm("/report/graffiti/description", Map.of("description", longest))))
                .as("4000 code points (8000 UTF-16 units)").isEqualTo("/report/graffiti/photo");
        HttpResponse<String> tooLong = resident.postForm("/report/graffiti/description", Map.of("description", longest + POTHOLE_EMOJI));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("href=\"#description\"").contains("Enter 4000 characters or fewer");

        Map<String, String> form = pothole();
        form.put("description", longest);
        assertThat(post(form).statusCode()).isEqualTo(200);
        form.put("description", longest + POTHOLE_EMOJI);
        HttpResponse<String> refused = post(form);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("description: Enter 4000 characters or fewer");
    }

    // ---- the web submission: one transaction, the sealed contact details taken over ----

    @Test
    void aFailureAtTheEndOfAWebSubmissionLeavesNoRequest() throws SQLException {
        String marker = "One transaction " + UUID.randomUUID();
        WebSession resident = new WebSession(port);
        walkToCheck(resident, marker);
        // the application's role owns nothing and may not make triggers: the schema's owner does (DatabaseOwner)
        try (Connection owner = DatabaseOwner.connect(dataSource, properties.dataDir()); Statement ddl = owner.createStatement()) {
            ddl.execute("""
                    create or replace function requests.test_refuse_journey_end() returns trigger language plpgsql as $$
                    begin raise exception 'the end of the journey refused for a test'; end $$""");
            ddl.execute("""
                    create trigger test_refuse_journey_end before delete on requests.report_journey
                    for each row execute function requests.test_refuse_journey_end()""");
            try {
                HttpResponse<String> failed = resident.postForm("/report/pothole/check", Map.of());
                assertThat(failed.statusCode()).isGreaterThanOrEqualTo(500);
            } finally {
                ddl.execute("drop trigger test_refuse_journey_end on requests.report_journey");
                ddl.execute("drop function requests.test_refuse_journey_end()");
            }
        }
        assertThat(jdbc.sql("select count(*) from requests.service_request where description = ?").param(marker)
                .query(Long.class).single()).as("a request stored although its submission failed").isZero();

        assertThat(WebSession.location(resident.postForm("/report/pothole/check", Map.of()))).isEqualTo("/report/pothole/confirmation");
        assertThat(jdbc.sql("select count(*) from requests.service_request where description = ?").param(marker)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theRequestTakesTheJourneysSealedContactDetailsOverWithoutSealingThemAgain() {
        Set<UUID> earlier = Set.copyOf(jdbc.sql("select id from requests.report_journey").query(UUID.class).list());
        String marker = "Taken over " + UUID.randomUUID();
        WebSession resident = new WebSession(port);
        walkToCheck(resident, marker);
        record JourneyRow(UUID id, UUID contactSubject) {
        }
        JourneyRow journey = jdbc.sql("select id, contact_subject from requests.report_journey").query(JourneyRow.class).list().stream()
                .filter(row -> !earlier.contains(row.id())).findFirst().orElseThrow();
        assertThat(journey.contactSubject()).isNotNull();

        assertThat(WebSession.location(resident.postForm("/report/pothole/check", Map.of()))).isEqualTo("/report/pothole/confirmation");
        UUID requester = jdbc.sql("select requester_subject from requests.service_request where description = ?").param(marker)
                .query(UUID.class).single();
        assertThat(requester).as("the request's subject is the journey's").isEqualTo(journey.contactSubject());
        assertThat(vault.readable(requester)).isTrue();
        assertThat(jdbc.sql("select count(*) from requests.report_journey where id = ?").param(journey.id()).query(Long.class).single())
                .as("the journey's record ends with the submission").isZero();
        byte[] sealed = jdbc.sql("select contact_sealed from requests.service_request where description = ?").param(marker)
                .query(byte[].class).single();
        assertThat(vault.open(requester, ServiceRequestRegister.CONTACT_FIELD, sealed)).hasValueSatisfying(json -> assertThat(json)
                .contains("\"firstName\":\"Ann\"").contains("\"lastName\":\"Example\"").contains("ann.onepath@example.org"));
    }

    // ---- the public history ----

    @Test
    void anAssignmentIsNotAStepOfThePublicHistory() {
        String reference = submittedThroughOpen311();
        UUID administrator = jdbc.sql("select account_id from identity.account_role where role = 'administrator' limit 1").query(UUID.class).single();
        cases.transition(CaseScope.all(), reference, "acknowledged", Actor.system(), "We have it.", null);
        cases.assign(CaseScope.all(), reference, administrator, Actor.system());
        String tracked = new WebSession(port).get("/track/" + reference).body();
        assertThat(count(tracked, "civitas-history__step")).as("received and seen, not the assignment").isEqualTo(2);
        assertThat(count(tracked, "<strong>Received</strong>")).isEqualTo(1);
    }

    // ---- staff-entered requests: the API and the staff console ----

    @Test
    void theApiEntersARequestForAResidentWhoPhonedAndNamesEachBrokenRuleInProblemJson() {
        WebSession app = new WebSession(port);
        String good = """
                {"service":"pothole","channel":"phone","description":"Reported by phone: a deep pothole.",
                 "addressString":"12 River Street","lat":"51.4613","long":"-0.3037",
                 "answers":{"size":["large"],"surface":["road"]},"contact":{"firstName":"Ann","lastName":"Example","phone":"01632 960 001"}}""";
        HttpResponse<String> created = app.postRaw("/api/v1/cases", "application/json", good, "X-Api-Key", CivitasTest.DEMO_API_KEY);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"channel\":\"phone\"").contains("\"status\":\"submitted\"").doesNotContain("01632");
        assertThat(created.headers().firstValue("Location").orElse("")).startsWith("/api/v1/cases/");

        int before = rows();
        String bad = """
                {"service":"pothole","channel":"fax","description":"<b>x</b>","lat":"1e-2000000000","long":"-0.3",
                 "answers":{"size":["enormous"]},"contact":{"email":"not-an-address"}}""";
        HttpResponse<String> refused = app.postRaw("/api/v1/cases", "application/json", bad, "X-Api-Key", CivitasTest.DEMO_API_KEY);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("\"field\":\"channel\"");
        HttpResponse<String> rules = app.postRaw("/api/v1/cases", "application/json", bad.replace("fax", "counter"),
                "X-Api-Key", CivitasTest.DEMO_API_KEY);
        assertThat(rules.statusCode()).as(rules.body()).isEqualTo(422);
        assertThat(rules.body()).contains("\"field\":\"lat\"", "\"field\":\"description\"", "\"field\":\"answers.size\"",
                "\"field\":\"answers.surface\"", "\"field\":\"contact.email\"").doesNotContain("not-an-address");
        assertThat(rows()).isEqualTo(before);

        WebSession caseworker = new WebSession(port);
        caseworker.signIn("caseworker@riverside.example", CivitasTest.DEMO_PASSWORD);
        caseworker.get("/staff");
        HttpResponse<String> otherTeam = caseworker.send(caseworker.request("/api/v1/cases").header("Content-Type", "application/json")
                .header("X-CSRF-TOKEN", caseworker.csrfToken())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"service\":\"tree\",\"channel\":\"counter\",\"addressString\":\"The park\",\"answers\":{\"problem\":[\"fallen\"]}}"))
                .build());
        assertThat(otherTeam.statusCode()).as(otherTeam.body()).isEqualTo(422);
        assertThat(otherTeam.body()).contains("\"field\":\"service\"");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void aCaseworkerEntersAPhoneCallInTheStaffConsoleAndSeesEachBrokenRuleInTheErrorSummary() {
        WebSession caseworker = new WebSession(port);
        caseworker.signIn("caseworker@riverside.example", CivitasTest.DEMO_PASSWORD);
        assertThat(caseworker.get("/staff").body()).contains("href=\"/staff/requests/new\"");
        String choose = caseworker.get("/staff/requests/new").body();
        assertThat(choose).contains("value=\"pothole\"").doesNotContain("value=\"tree\"");
        assertThat(WebSession.location(caseworker.get("/staff/requests/new?service=pothole&channel=phone")))
                .isEqualTo("/staff/requests/new/pothole?channel=phone");
        assertThat(caseworker.get("/staff/requests/new/tree?channel=phone").statusCode()).as("another team's service").isEqualTo(404);
        String form = caseworker.get("/staff/requests/new/pothole?channel=phone").body();
        assertThat(form).contains("name=\"answer-size\"").contains("name=\"address\"");

        int before = rows();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("channel", "phone");
        fields.put("address", "");
        fields.put("description", "x".repeat(10) + "<script>");
        fields.put("email", "nope");
        HttpResponse<String> refused = caseworker.postForm("/staff/requests/new/pothole", fields);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("govuk-error-summary").contains("href=\"#address\"").contains("href=\"#description\"")
                .contains("href=\"#answer-size\"").contains("href=\"#email\"").contains("Enter an email address in the correct format");
        assertThat(rows()).isEqualTo(before);

        fields.put("address", "Outside the library");
        fields.put("description", "Called in by a resident.");
        fields.put("email", "");
        fields.put("answer-size", "large");
        fields.put("answer-surface", "road");
        HttpResponse<String> entered = caseworker.postForm("/staff/requests/new/pothole", fields);
        String location = WebSession.location(entered);
        assertThat(location).as(entered.body()).startsWith("/staff/cases/");
        assertThat(caseworker.get(location).body()).contains("Phone call to staff").contains("Outside the library");
        assertThat(rows()).isEqualTo(before + 1);
    }

    // ---- helpers ----

    private void walkToCheck(WebSession resident, String description) {
        resident.get("/report/pothole/location");
        resident.postForm("/report/pothole/location", Map.of("address", "Outside 12 High Street"));
        resident.postForm("/report/pothole/question/size", Map.of("answer", "large"));
        resident.postForm("/report/pothole/question/depth", Map.of("answer", "7"));
        resident.postForm("/report/pothole/question/surface", Map.of("answer", "road"));
        resident.postForm("/report/pothole/description", Map.of("description", description));
        resident.get("/report/pothole/photo");
        resident.postForm("/report/pothole/photo", Map.of());
        resident.get("/report/pothole/contact");
        assertThat(WebSession.location(resident.postForm("/report/pothole/contact",
                Map.of("name", "Ann Example", "email", "ann.onepath@example.org", "phone", "")))).isEqualTo("/report/pothole/check");
        assertThat(resident.get("/report/pothole/check").body()).contains("ann.onepath@example.org").contains("Ann Example");
    }

    private String submittedThroughOpen311() {
        HttpResponse<String> created = post(pothole());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        Matcher id = Pattern.compile("\"service_request_id\":\"([^\"]+)\"").matcher(created.body());
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    static Map<String, String> pothole() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", CivitasTest.DEMO_API_KEY);
        form.put("service_code", "pothole");
        form.put("lat", "51.4613");
        form.put("long", "-0.3037");
        form.put("description", "A deep pothole by the bus stop.");
        form.put("attribute[size]", "large");
        form.put("attribute[surface]", "road");
        return form;
    }

    static Map<String, String> parkingPermit() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", CivitasTest.DEMO_API_KEY);
        form.put("service_code", "parking-permit");
        form.put("address_string", "3 Station Road");
        form.put("attribute[vehicle_registration]", "AB12 CDE");
        form.put("attribute[zone]", "c");
        form.put("attribute[permit_length]", "12m");
        form.put("attribute[start_date]", "2027-03-01T00:00:00Z");
        return form;
    }

    private HttpResponse<String> post(Map<String, String> form) {
        return new WebSession(port).postRaw("/open311/v2/requests.json", FORM, WebSession.form(form));
    }

    private int rows() {
        return jdbc.sql("select count(*) from requests.service_request").query(Integer.class).single();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }
}

package org.civitas.requests.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.civitas.CivitasTest;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The staff console's case pages over real HTTP: who may see what, and what the forms refuse. */
@CivitasTest
class StaffConsolePagesTest {

    private static final Pattern REFERENCE = Pattern.compile("\"service_request_id\":\"([^\"]+)\"");

    @LocalServerPort
    int port;

    /** A request made through Open311 with the demo key; pothole is a highways service, tree a parks one. */
    static String submit(int port, String service) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", CivitasTest.DEMO_API_KEY);
        form.put("service_code", service);
        form.put("lat", "51.4613");
        form.put("long", "-0.3037");
        form.put("address_string", "12 River Street, Riverside");
        form.put("description", "A deep pothole by the bus stop.");
        if (service.equals("pothole")) {
            form.put("attribute[size]", "large");
            form.put("attribute[surface]", "road");
        }
        else {
            form.put("attribute[problem]", "fallen");
        }
        HttpResponse<String> created = new WebSession(port).postRaw("/open311/v2/requests.json",
                "application/x-www-form-urlencoded", WebSession.form(form));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        Matcher matcher = REFERENCE.matcher(created.body());
        assertThat(matcher.find()).as(created.body()).isTrue();
        return matcher.group(1);
    }

    private WebSession signedIn(String email) {
        WebSession session = new WebSession(port);
        session.signIn(email, CivitasTest.DEMO_PASSWORD);
        return session;
    }

    @Test
    void aCaseworkerSeesTheirTeamsCasesAndNotAnotherTeams() {
        String pothole = submit(port, "pothole");
        String tree = submit(port, "tree");
        WebSession caseworker = signedIn("caseworker@riverside.example");

        HttpResponse<String> queue = caseworker.get("/staff");
        assertThat(queue.statusCode()).isEqualTo(200);
        assertThat(queue.body()).contains(pothole).doesNotContain(tree).contains("Staff console");

        HttpResponse<String> own = caseworker.get("/staff/cases/" + pothole);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("Case " + pothole).contains("How big is the pothole?".substring(0, 3))
                .contains("/staff/cases/" + pothole + "/contact");

        assertThat(caseworker.get("/staff/cases/" + tree).statusCode()).as("a parks case for a highways caseworker").isEqualTo(404);
        assertThat(caseworker.postForm("/staff/cases/" + tree + "/transition", Map.of("status", "acknowledged")).statusCode())
                .isEqualTo(404);
        assertThat(caseworker.postForm("/staff/cases/" + tree + "/assign", Map.of("assignee", "me")).statusCode()).isEqualTo(404);
        assertThat(caseworker.postForm("/staff/cases/" + tree + "/duplicate", Map.of("original", pothole)).statusCode()).isEqualTo(404);
        assertThat(caseworker.get("/staff/cases/RBC-0000-0000").statusCode()).isEqualTo(404);

        WebSession admin = signedIn("admin@riverside.example");
        assertThat(admin.get("/staff/cases/" + tree).statusCode()).as("administrators see every case").isEqualTo(200);
    }

    @Test
    void citizensAndVisitorsAreRefused() {
        String pothole = submit(port, "pothole");
        WebSession citizen = signedIn("citizen@riverside.example");
        assertThat(citizen.get("/staff").statusCode()).isEqualTo(403);
        assertThat(citizen.get("/staff/cases/" + pothole).statusCode()).isEqualTo(403);
        citizen.get("/account");
        assertThat(citizen.postForm("/staff/cases/" + pothole + "/transition", Map.of("status", "acknowledged")).statusCode())
                .isEqualTo(403);
        assertThat(citizen.get("/account").body()).doesNotContain("Staff console");

        HttpResponse<String> anonymous = new WebSession(port).get("/staff/cases/" + pothole);
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(WebSession.location(anonymous)).isEqualTo("/sign-in");
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() {
        String pothole = submit(port, "pothole");
        WebSession caseworker = signedIn("caseworker@riverside.example");
        HttpResponse<String> forged = caseworker.postRaw("/staff/cases/" + pothole + "/transition",
                "application/x-www-form-urlencoded", "status=acknowledged");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(caseworker.get("/staff/cases/" + pothole).body()).contains("Submitted");
    }

    @Test
    void theFormsNameTheFieldAndTheRule() {
        String pothole = submit(port, "pothole");
        WebSession caseworker = signedIn("caseworker@riverside.example");
        caseworker.get("/staff/cases/" + pothole);

        HttpResponse<String> noStatus = caseworker.postForm("/staff/cases/" + pothole + "/transition", Map.of("publicNote", "Soon."));
        assertThat(noStatus.statusCode()).isEqualTo(400);
        assertThat(noStatus.body()).contains("govuk-error-summary").contains("href=\"#status\"").contains("Choose the new status")
                .contains("<title>Error: ").contains("Soon.");

        HttpResponse<String> notAllowed = caseworker.postForm("/staff/cases/" + pothole + "/transition", Map.of("status", "resolved"));
        assertThat(notAllowed.statusCode()).isEqualTo(400);
        assertThat(notAllowed.body()).contains("The case cannot move from its current status to this one");

        HttpResponse<String> markup = caseworker.postForm("/staff/cases/" + pothole + "/transition",
                Map.of("status", "acknowledged", "internalNote", "<script>alert(1)</script>"));
        assertThat(markup.statusCode()).isEqualTo(400);
        assertThat(markup.body()).contains("href=\"#internalNote\"").doesNotContain("<script>alert(1)</script>");

        HttpResponse<String> self = caseworker.postForm("/staff/cases/" + pothole + "/duplicate", Map.of("original", pothole));
        assertThat(self.statusCode()).isEqualTo(400);
        assertThat(self.body()).contains("href=\"#original\"").contains("A request cannot duplicate itself");

        HttpResponse<String> noOriginal = caseworker.postForm("/staff/cases/" + pothole + "/duplicate", Map.of("duplicatePublicNote", "x"));
        assertThat(noOriginal.statusCode()).isEqualTo(400);
        assertThat(noOriginal.body()).contains("Enter the reference of the original request");

        HttpResponse<String> nobody = caseworker.postForm("/staff/cases/" + pothole + "/assign", Map.of("assignee", ""));
        assertThat(nobody.statusCode()).isEqualTo(400);
        assertThat(nobody.body()).contains("href=\"#assignee\"");

        HttpResponse<String> stranger = caseworker.postForm("/staff/cases/" + pothole + "/assign",
                Map.of("assignee", "00000000-0000-4000-8000-000000000000"));
        assertThat(stranger.statusCode()).isEqualTo(400);
        assertThat(stranger.body()).contains("Choose a colleague from the list");

        HttpResponse<String> badFilters = caseworker.get("/staff?status=lost&sla=late&age=3&page=0&service=tree");
        assertThat(badFilters.statusCode()).isEqualTo(400);
        assertThat(badFilters.body()).contains("href=\"#status\"").contains("href=\"#sla\"").contains("href=\"#age\"")
                .contains("href=\"#page\"").contains("href=\"#service\"");
        // only ASCII digits are a page: Integer.parseInt read the Arabic-Indic ٢ (%D9%A2) as page 2
        for (String page : List.of("%D9%A2", "1e3", "2147483648", "%EF%BC%92")) {
            HttpResponse<String> refused = caseworker.get("/staff?page=" + page);
            assertThat(refused.statusCode()).as(page).isEqualTo(400);
            assertThat(refused.body()).as(page).contains("href=\"#page\"");
        }

        assertThat(caseworker.get("/staff/cases/" + pothole).body()).as("nothing was written").contains("Nothing has happened");
    }

    @Test
    void aCaseMovesThroughItsLifecycleWithNotes() {
        String pothole = submit(port, "pothole");
        WebSession caseworker = signedIn("caseworker@riverside.example");
        caseworker.get("/staff/cases/" + pothole);
        HttpResponse<String> assigned = caseworker.postForm("/staff/cases/" + pothole + "/assign", Map.of("assignee", "me"));
        assertThat(assigned.statusCode()).isEqualTo(302);
        assertThat(WebSession.location(assigned)).isEqualTo("/staff/cases/" + pothole + "?done=assigned");
        assertThat(caseworker.get("/staff?assigned=me").body()).contains(pothole);
        assertThat(caseworker.get("/staff/cases/" + pothole).body()).as("the assignment is in the timeline")
                .contains("Assigned to Casey Caseworker").contains("By Casey Caseworker");

        caseworker.get("/staff/cases/" + pothole);
        HttpResponse<String> moved = caseworker.postForm("/staff/cases/" + pothole + "/transition",
                Map.of("status", "acknowledged", "publicNote", "Thank you, we have your report.", "internalNote", "Needs the big patcher."));
        assertThat(moved.statusCode()).isEqualTo(302);
        String page = caseworker.get("/staff/cases/" + pothole + "?done=moved").body();
        assertThat(page).contains("The status is changed").contains("Thank you, we have your report.")
                .contains("Needs the big patcher.").contains("Internal note").contains("Casey Caseworker");
        assertThat(caseworker.get("/staff?status=acknowledged").body()).contains(pothole);
        assertThat(caseworker.get("/staff?status=submitted").body()).doesNotContain(pothole);
        assertThat(caseworker.get("/staff?sort=expected&sla=due").statusCode()).isEqualTo(200);

        String original = submit(port, "pothole");
        String copy = submit(port, "pothole");
        caseworker.get("/staff/cases/" + copy);
        HttpResponse<String> duplicate = caseworker.postForm("/staff/cases/" + copy + "/duplicate",
                Map.of("original", original.toLowerCase(), "duplicatePublicNote", "Already reported."));
        assertThat(duplicate.statusCode()).isEqualTo(302);
        assertThat(caseworker.get("/staff/cases/" + copy).body()).contains("Duplicate of").contains("/staff/cases/" + original);
    }

    @Test
    void theQueueIsPagedAndACaseGoesToAColleague() {
        for (int i = 0; i < 21; i++) {
            submit(port, "pothole");
        }
        WebSession manager = signedIn("manager@riverside.example");
        HttpResponse<String> first = manager.get("/staff?service=pothole");
        assertThat(first.body()).contains("govuk-pagination").contains("href=\"/staff?service=pothole&amp;page=2\"")
                .contains("rel=\"next\"").doesNotContain("rel=\"prev\"");
        HttpResponse<String> second = manager.get("/staff?service=pothole&page=2");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).contains("rel=\"prev\"").contains("aria-current=\"page\"");

        String pothole = submit(port, "pothole");
        WebSession caseworker = signedIn("caseworker@riverside.example");
        String page = caseworker.get("/staff/cases/" + pothole).body();
        Matcher colleague = Pattern.compile("<option value=\"([0-9a-f-]{36})\"[^>]*>Morgan Manager</option>").matcher(page);
        assertThat(colleague.find()).as("the manager of the team is offered").isTrue();
        assertThat(page).doesNotContain(">Chris Citizen<");
        HttpResponse<String> assigned = caseworker.postForm("/staff/cases/" + pothole + "/assign", Map.of("assignee", colleague.group(1)));
        assertThat(assigned.statusCode()).isEqualTo(302);
        assertThat(caseworker.get("/staff/cases/" + pothole).body()).contains("Morgan Manager");
        assertThat(manager.get("/staff?assigned=me&service=pothole").body()).contains(pothole);
    }
}

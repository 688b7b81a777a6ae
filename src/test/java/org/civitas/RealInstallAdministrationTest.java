package org.civitas;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.civitas.catalogue.Sla;
import org.civitas.catalogue.Teams;
import org.civitas.catalogue.WorkingCalendar;
import org.civitas.identity.Role;
import org.civitas.identity.account.Account;
import org.civitas.identity.account.AccountService;
import org.civitas.identity.account.Accounts;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a body needs to set itself up without the demo (issue 12): administrators add and rename
 * teams and move staff between them, and keep the bank holidays, on pages and through
 * {@code /api/v1/admin/teams} and {@code /api/v1/admin/bank-holidays}; the seeded holidays reach 2035.
 */
@CivitasTest
class RealInstallAdministrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Teams teams;

    @Autowired
    Accounts accounts;

    @Autowired
    AccountService accountService;

    @Autowired
    WorkingCalendar calendar;

    // ---- teams on the pages ----

    @Test
    void anAdministratorAddsAndRenamesATeamOnThePagesAndEachChangeIsAudited() {
        WebSession admin = signedIn("admin@riverside.example");
        assertThat(admin.get("/admin/staff").body()).contains("href=\"/admin/teams\"").contains("href=\"/admin/bank-holidays\"");
        assertThat(admin.get("/admin/teams/new").statusCode()).isEqualTo(200);
        HttpResponse<String> added = admin.postForm("/admin/teams", Map.of("code", "building-control", "name", "Building control"));
        assertThat(added.statusCode()).isEqualTo(302);
        assertThat(WebSession.location(added)).isEqualTo("/admin/teams?added=building-control");
        assertThat(admin.get("/admin/teams?added=building-control").body()).contains("Team Building control is added");
        assertThat(teams.byCode("building-control")).get().extracting(t -> t.name()).isEqualTo("Building control");
        assertThat(auditedActions(added)).containsExactly("catalogue.TeamCreated");

        admin.get("/admin/teams/building-control");
        HttpResponse<String> renamed = admin.postForm("/admin/teams/building-control", Map.of("name", "Building control and planning"));
        assertThat(WebSession.location(renamed)).isEqualTo("/admin/teams/building-control?renamed");
        assertThat(teams.byCode("building-control").orElseThrow().name()).isEqualTo("Building control and planning");
        assertThat(auditedActions(renamed)).containsExactly("catalogue.TeamRenamed");
    }

    @Test
    void theTeamFormsNameEachFieldAndRuleAndWriteNothing() {
        WebSession admin = signedIn("admin@riverside.example");
        int before = teamCount();
        admin.get("/admin/teams/new");
        HttpResponse<String> bad = admin.postForm("/admin/teams", Map.of("code", "Building Control!", "name", ""));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("govuk-error-summary").contains("href=\"#code\"").contains("href=\"#name\"")
                .contains("The short code must be 1 to 63 lower-case letters").contains("Enter the team's name");
        HttpResponse<String> taken = admin.postForm("/admin/teams", Map.of("code", "highways", "name", "Second highways"));
        assertThat(taken.statusCode()).isEqualTo(400);
        assertThat(taken.body()).contains("Another team already uses this short code");
        HttpResponse<String> tooLong = admin.postForm("/admin/teams", Map.of("code", "long", "name", "x".repeat(201)));
        assertThat(tooLong.body()).contains("200 characters or fewer");
        assertThat(teamCount()).isEqualTo(before);

        admin.get("/admin/teams/parks");
        assertThat(admin.postForm("/admin/teams/parks", Map.of("name", " ")).statusCode()).isEqualTo(400);
        assertThat(teams.byCode("parks").orElseThrow().name()).isEqualTo("Parks and trees");
        assertThat(admin.get("/admin/teams/no-such-team").statusCode()).isEqualTo(404);
    }

    @Test
    void onlyAdministratorsReachTheTeamAndHolidayPagesAndApis() {
        for (String email : List.of("manager@riverside.example", "caseworker@riverside.example", "citizen@riverside.example")) {
            WebSession someone = signedIn(email);
            for (String path : List.of("/admin/teams", "/admin/teams/new", "/admin/bank-holidays", "/api/v1/admin/teams",
                    "/api/v1/admin/bank-holidays?year=2030")) {
                assertThat(someone.get(path).statusCode()).as("%s on %s", email, path).isEqualTo(403);
            }
            assertThat(post(someone, "/api/v1/admin/teams", "{\"code\":\"sneaky\",\"name\":\"Sneaky\"}").statusCode()).isEqualTo(403);
        }
        assertThat(teams.byCode("sneaky")).isEmpty();
    }

    // ---- teams through the API ----

    @Test
    void theTeamsApiCreatesRenamesAndMovesStaffBetweenTeams() {
        WebSession admin = signedIn("admin@riverside.example");
        HttpResponse<String> created = post(admin, "/api/v1/admin/teams", "{\"code\":\"licensing\",\"name\":\"Licensing\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"code\":\"licensing\"").contains("\"members\":[]");

        HttpResponse<String> renamed = put(admin, "/api/v1/admin/teams/licensing", "{\"name\":\"Licensing and permits\"}");
        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(renamed.body()).contains("Licensing and permits");
        assertThat(auditedActions(renamed)).containsExactly("catalogue.TeamRenamed");

        Account sam = accountService.createStaff("sam.mover@riverside.example", "Sam Mover", "A long enough first password",
                Set.of(Role.CASEWORKER), Set.of(teams.byCode("highways").orElseThrow().id()), null);
        HttpResponse<String> in = put(admin, "/api/v1/admin/teams/licensing/members/" + sam.id(), "");
        assertThat(in.statusCode()).isEqualTo(200);
        assertThat(in.body()).contains(sam.id().toString());
        assertThat(auditedActions(in)).containsExactly("identity.StaffAccountChanged");
        HttpResponse<String> out = admin.send(admin.request("/api/v1/admin/teams/highways/members/" + sam.id())
                .header("X-CSRF-TOKEN", admin.csrfToken()).DELETE().build());
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(out.body()).doesNotContain(sam.id().toString());
        assertThat(accounts.byId(sam.id()).orElseThrow().teamIds()).containsExactly(teams.byCode("licensing").orElseThrow().id());
        assertThat(admin.get("/api/v1/admin/teams").body()).contains("\"code\":\"licensing\"").contains(sam.id().toString());

        assertThat(put(admin, "/api/v1/admin/teams/no-such-team/members/" + sam.id(), "").statusCode()).isEqualTo(404);
        assertThat(put(admin, "/api/v1/admin/teams/licensing/members/" + java.util.UUID.randomUUID(), "").statusCode()).isEqualTo(404);
    }

    @Test
    void theTeamsApiAnswersBadInputWithProblemDetailsNamingTheField() {
        WebSession admin = signedIn("admin@riverside.example");
        int before = teamCount();
        HttpResponse<String> bad = post(admin, "/api/v1/admin/teams", "{\"code\":\"UPPER\",\"name\":\"\"}");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(bad.body()).contains("\"code\"").contains("\"name\"").doesNotContain("Exception");
        assertThat(post(admin, "/api/v1/admin/teams", "{\"code\":\"waste\",\"name\":\"Waste again\"}").statusCode()).isEqualTo(422);
        assertThat(put(admin, "/api/v1/admin/teams/waste", "{\"name\":\"" + "y".repeat(201) + "\"}").statusCode()).isEqualTo(422);
        assertThat(put(admin, "/api/v1/admin/teams/no-such-team", "{\"name\":\"Anything\"}").statusCode()).isEqualTo(404);
        assertThat(teamCount()).isEqualTo(before);
        assertThat(teams.byCode("waste").orElseThrow().name()).isEqualTo("Waste and recycling");
    }

    // ---- bank holidays ----

    @Test
    void england_and_wales_regular_bank_holidays_are_seeded_through_2035() {
        for (int year = 2026; year <= 2035; year++) {
            List<LocalDate> days = jdbc.sql("select day from catalogue.bank_holiday where extract(year from day) = ? order by day")
                    .param(year).query(LocalDate.class).list();
            assertThat(days).as("holidays in %d", year).hasSize(8);
            assertThat(days).as("none on a weekend in %d", year)
                    .noneMatch(day -> day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY);
        }
        // Easter from the Gregorian computus: Easter Sunday 2030 is 21 April, 2035 is 25 March
        assertThat(holidaysOn("2030-04-19", "2030-04-22", "2035-03-23", "2035-03-26")).isEqualTo(4);
        // Christmas 2032 is a Saturday: Monday 27 and Tuesday 28 are the substitute days
        assertThat(holidaysOn("2032-12-27", "2032-12-28", "2033-01-03")).isEqualTo(3);

        // and the SLA clock skips them: 1 working day from Thursday 24 December 2030 is due at the close of Friday 27th
        ZoneId london = ZoneId.of("Europe/London");
        Instant due = calendar.due(LocalDateTime.of(2030, 12, 24, 10, 0).atZone(london).toInstant(), new Sla(1, Sla.Unit.WORKING_DAYS));
        assertThat(LocalDate.ofInstant(due, london)).isEqualTo(LocalDate.of(2030, 12, 27));
    }

    @Test
    void anAdministratorAddsAndRemovesABankHolidayOnThePage() {
        WebSession admin = signedIn("admin@riverside.example");
        HttpResponse<String> page = admin.get("/admin/bank-holidays?year=2031");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Bank holidays in 2031").contains("Friday 11 April 2031").contains("Good Friday");

        HttpResponse<String> added = admin.postForm("/admin/bank-holidays",
                Map.of("date", "9", "date-month", "5", "date-year", "2031", "name", "Borough centenary"));
        assertThat(WebSession.location(added)).isEqualTo("/admin/bank-holidays?year=2031&done=added");
        assertThat(holidaysOn("2031-05-09")).isEqualTo(1);
        assertThat(auditedActions(added)).containsExactly("catalogue.BankHolidayAdded");

        admin.get("/admin/bank-holidays?year=2031");
        HttpResponse<String> removed = admin.postForm("/admin/bank-holidays/2031-05-09/remove", Map.of());
        assertThat(WebSession.location(removed)).isEqualTo("/admin/bank-holidays?year=2031&done=removed");
        assertThat(holidaysOn("2031-05-09")).isZero();
        assertThat(auditedActions(removed)).containsExactly("catalogue.BankHolidayRemoved");

        admin.get("/admin/bank-holidays");
        int before = holidayCount();
        for (Map<String, String> wrong : List.of(
                Map.of("date", "31", "date-month", "2", "date-year", "2031", "name", "Not a day"),
                Map.of("date", "1", "date-month", "1", "date-year", "99999999999", "name", "Too far"),
                Map.of("date", "", "date-month", "", "date-year", "", "name", "No date"),
                Map.of("date", "25", "date-month", "12", "date-year", "2031", "name", "Already one"),
                Map.of("date", "2", "date-month", "6", "date-year", "2031", "name", ""))) {
            HttpResponse<String> refused = admin.postForm("/admin/bank-holidays", wrong);
            assertThat(refused.statusCode()).as("%s", wrong).isEqualTo(400);
            assertThat(refused.body()).contains("govuk-error-summary");
        }
        assertThat(holidayCount()).isEqualTo(before);
        assertThat(admin.get("/admin/bank-holidays?year=1e9").statusCode()).isEqualTo(400);
    }

    @Test
    void theBankHolidaysApiListsAddsAndRemoves() {
        WebSession admin = signedIn("admin@riverside.example");
        HttpResponse<String> list = admin.get("/api/v1/admin/bank-holidays?year=2034");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"day\":\"2034-04-07\"").contains("Good Friday");

        HttpResponse<String> added = post(admin, "/api/v1/admin/bank-holidays", "{\"date\":\"2034-06-05\",\"name\":\"Festival day\"}");
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(holidaysOn("2034-06-05")).isEqualTo(1);
        HttpResponse<String> removed = admin.send(admin.request("/api/v1/admin/bank-holidays/2034-06-05")
                .header("X-CSRF-TOKEN", admin.csrfToken()).DELETE().build());
        assertThat(removed.statusCode()).isEqualTo(204);
        assertThat(holidaysOn("2034-06-05")).isZero();

        int before = holidayCount();
        assertThat(post(admin, "/api/v1/admin/bank-holidays", "{\"date\":\"2034-02-30\",\"name\":\"No such day\"}").body())
                .contains("\"date\"");
        assertThat(post(admin, "/api/v1/admin/bank-holidays", "{\"date\":\"+999999999-01-01\",\"name\":\"Far\"}").statusCode()).isEqualTo(422);
        assertThat(post(admin, "/api/v1/admin/bank-holidays", "{\"date\":\"2034-12-25\",\"name\":\"Twice\"}").statusCode()).isEqualTo(422);
        assertThat(post(admin, "/api/v1/admin/bank-holidays", "{\"date\":\"2034-06-06\"}").body()).contains("\"name\"");
        assertThat(admin.get("/api/v1/admin/bank-holidays?year=1e-40000000").statusCode()).isEqualTo(422);
        assertThat(admin.get("/api/v1/admin/bank-holidays?year=2101").statusCode()).isEqualTo(422);
        assertThat(admin.send(admin.request("/api/v1/admin/bank-holidays/2034-06-07")
                .header("X-CSRF-TOKEN", admin.csrfToken()).DELETE().build()).statusCode()).isEqualTo(404);
        assertThat(holidayCount()).isEqualTo(before);
    }

    // ---- helpers ----

    private WebSession signedIn(String email) {
        WebSession session = new WebSession(port);
        session.signIn(email, CivitasTest.DEMO_PASSWORD);
        session.get("/account");
        return session;
    }

    private static HttpResponse<String> post(WebSession session, String path, String json) {
        return session.postRaw(path, "application/json", json, "X-CSRF-TOKEN", session.csrfToken());
    }

    private static HttpResponse<String> put(WebSession session, String path, String json) {
        return session.send(session.request(path).header("Content-Type", "application/json").header("X-CSRF-TOKEN", session.csrfToken())
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private int teamCount() {
        return jdbc.sql("select count(*) from catalogue.team").query(Integer.class).single();
    }

    private int holidayCount() {
        return jdbc.sql("select count(*) from catalogue.bank_holiday").query(Integer.class).single();
    }

    private int holidaysOn(String... days) {
        return jdbc.sql("select count(*) from catalogue.bank_holiday where day = any(?::date[])").param(days).query(Integer.class).single();
    }

    /** The audit actions recorded for the HTTP request that gave this response, queued or sequenced. */
    private List<String> auditedActions(HttpResponse<String> response) {
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        return jdbc.sql("""
                        select e ->> 'action' from (
                          select convert_from(entry, 'UTF8')::jsonb as e from trust.audit_queue
                          union all select (convert_from(entry, 'UTF8')::jsonb) -> 'entry' from trust.audit_log) all_entries
                        where e ->> 'requestId' = ? and e ->> 'action' not like 'identity.SignedIn%'""")
                .param(requestId).query(String.class).list();
    }
}

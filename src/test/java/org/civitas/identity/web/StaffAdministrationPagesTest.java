package org.civitas.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.civitas.CivitasTest;
import org.civitas.catalogue.Teams;
import org.civitas.identity.Role;
import org.civitas.identity.account.Account;
import org.civitas.identity.account.AccountService;
import org.civitas.identity.account.Accounts;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Administrators change a member of staff's role and teams and deactivate accounts; nobody else may. */
@CivitasTest
class StaffAdministrationPagesTest {

    private static final String PASSWORD = "A long enough first password";

    @LocalServerPort
    int port;

    @Autowired
    AccountService accountService;

    @Autowired
    Accounts accounts;

    @Autowired
    Teams teams;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private WebSession signedIn(String email, String password) {
        WebSession session = new WebSession(port);
        session.signIn(email, password);
        return session;
    }

    private Account newCaseworker(String email) {
        UUID highways = teams.byCode("highways").orElseThrow().id();
        return accountService.createStaff(email, "Sam Staff", PASSWORD, Set.of(Role.CASEWORKER), Set.of(highways), null);
    }

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void listingStaffGivesItsDatabaseConnectionBack() {
        // the staff list was read as a stream that was never closed: each view of the page kept a
        // connection, and a pool's worth of views stopped every page and API call of the node
        WebSession admin = signedIn("admin@riverside.example", CivitasTest.DEMO_PASSWORD);
        com.zaxxer.hikari.HikariPoolMXBean pool = ((com.zaxxer.hikari.HikariDataSource) dataSource).getHikariPoolMXBean();
        int views = ((com.zaxxer.hikari.HikariDataSource) dataSource).getMaximumPoolSize() + 5;
        for (int i = 0; i < views; i++) {
            assertThat(admin.get("/admin/staff").statusCode()).isEqualTo(200);
            assertThat(accounts.staff()).isNotEmpty();
        }
        // a scheduled job may hold one for a moment; a leak holds them for good
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (pool.getActiveConnections() > 0 && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertThat(pool.getActiveConnections()).as("connections still out after %d views of the staff list", views).isZero();
    }

    @Test
    void anAdministratorChangesRoleAndTeamsAndTheSessionEnds() {
        Account sam = newCaseworker("sam.change@riverside.example");
        WebSession samSession = signedIn(sam.email(), PASSWORD);
        assertThat(samSession.get("/staff").statusCode()).isEqualTo(200);

        WebSession admin = signedIn("admin@riverside.example", CivitasTest.DEMO_PASSWORD);
        assertThat(admin.get("/admin/staff").body()).contains("/admin/staff/" + sam.id()).contains("Staff console");
        HttpResponse<String> form = admin.get("/admin/staff/" + sam.id());
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("Sam Staff").contains("value=\"caseworker\" checked");

        HttpResponse<String> changed = admin.postRaw("/admin/staff/" + sam.id(), "application/x-www-form-urlencoded",
                "role=service_manager&teams=parks&teams=waste&_csrf=" + admin.csrfToken());
        assertThat(changed.statusCode()).isEqualTo(302);
        Account after = accounts.byId(sam.id()).orElseThrow();
        assertThat(after.roles()).containsExactly(Role.SERVICE_MANAGER);
        assertThat(after.teamIds()).containsExactlyInAnyOrder(teams.byCode("parks").orElseThrow().id(), teams.byCode("waste").orElseThrow().id());
        assertThat(WebSession.location(samSession.get("/staff"))).as("the old session ended").isEqualTo("/sign-in");
    }

    @Test
    void theChangeFormNamesEachFieldAndRule() {
        Account sam = newCaseworker("sam.rules@riverside.example");
        WebSession admin = signedIn("admin@riverside.example", CivitasTest.DEMO_PASSWORD);
        admin.get("/admin/staff/" + sam.id());
        HttpResponse<String> noRole = admin.postForm("/admin/staff/" + sam.id(), Map.of("teams", "no-such-team"));
        assertThat(noRole.statusCode()).isEqualTo(400);
        assertThat(noRole.body()).contains("href=\"#role\"").contains("href=\"#teams\"").contains("<title>Error: ");
        assertThat(accounts.byId(sam.id()).orElseThrow().roles()).containsExactly(Role.CASEWORKER);

        UUID adminId = accounts.byEmail("admin@riverside.example").orElseThrow().id();
        admin.get("/admin/staff/" + adminId);
        HttpResponse<String> demoteSelf = admin.postForm("/admin/staff/" + adminId, Map.of("role", "caseworker"));
        assertThat(demoteSelf.statusCode()).isEqualTo(400);
        assertThat(demoteSelf.body()).contains("You cannot take the administrator role away from yourself");
        HttpResponse<String> deactivateSelf = admin.postForm("/admin/staff/" + adminId + "/deactivate", Map.of());
        assertThat(deactivateSelf.statusCode()).isEqualTo(400);
        assertThat(deactivateSelf.body()).contains("href=\"#deactivate\"").contains("You cannot deactivate your own account");
        assertThat(admin.get("/admin/staff/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    @Test
    void aDeactivatedAccountCannotSignIn() {
        Account sam = newCaseworker("sam.leaves@riverside.example");
        WebSession samSession = signedIn(sam.email(), PASSWORD);
        WebSession admin = signedIn("admin@riverside.example", CivitasTest.DEMO_PASSWORD);
        admin.get("/admin/staff/" + sam.id());
        HttpResponse<String> deactivated = admin.postForm("/admin/staff/" + sam.id() + "/deactivate", Map.of());
        assertThat(WebSession.location(deactivated)).isEqualTo("/admin/staff?deactivated");
        assertThat(admin.get("/admin/staff?deactivated").body()).contains("The staff account is deactivated").contains("Deactivated");
        assertThat(accounts.byId(sam.id()).orElseThrow().disabled()).isTrue();
        assertThat(WebSession.location(samSession.get("/staff"))).isEqualTo("/sign-in");
        assertThat(WebSession.location(new WebSession(port).signIn(sam.email(), PASSWORD))).startsWith("/sign-in?error");
    }

    @Test
    void onlyAdministratorsAdministerStaff() {
        Account sam = newCaseworker("sam.safe@riverside.example");
        WebSession manager = signedIn("manager@riverside.example", CivitasTest.DEMO_PASSWORD);
        assertThat(manager.get("/admin/staff/" + sam.id()).statusCode()).isEqualTo(403);
        manager.get("/staff");
        assertThat(manager.postForm("/admin/staff/" + sam.id() + "/deactivate", Map.of()).statusCode()).isEqualTo(403);
        assertThat(accounts.byId(sam.id()).orElseThrow().disabled()).isFalse();
    }

    @Test
    void aDeactivatedAccountIsReactivatedWithItsRoleAndTeamsButNotOnceErased() {
        Account sam = newCaseworker("sam.returns@riverside.example");
        WebSession admin = signedIn("admin@riverside.example", CivitasTest.DEMO_PASSWORD);
        admin.get("/admin/staff/" + sam.id());
        HttpResponse<String> stillActive = admin.postForm("/admin/staff/" + sam.id() + "/reactivate", Map.of());
        assertThat(stillActive.statusCode()).isEqualTo(400);
        assertThat(stillActive.body()).contains("This account is already active");

        admin.postForm("/admin/staff/" + sam.id() + "/deactivate", Map.of());
        HttpResponse<String> page = admin.get("/admin/staff/" + sam.id());
        assertThat(page.body()).contains("Reactivate account").doesNotContain("Deactivate account");
        HttpResponse<String> reactivated = admin.postForm("/admin/staff/" + sam.id() + "/reactivate", Map.of());
        assertThat(WebSession.location(reactivated)).isEqualTo("/admin/staff/" + sam.id() + "?done=reactivated");
        assertThat(admin.get("/admin/staff/" + sam.id() + "?done=reactivated").body())
                .contains("The staff account is reactivated").contains("Deactivate account").contains("value=\"caseworker\" checked");
        Account back = accounts.byId(sam.id()).orElseThrow();
        assertThat(back.disabled()).isFalse();
        assertThat(back.roles()).containsExactly(Role.CASEWORKER);
        assertThat(back.teamIds()).containsExactly(teams.byCode("highways").orElseThrow().id());
        assertThat(signedIn(sam.email(), PASSWORD).get("/staff").statusCode()).isEqualTo(200);
        // the audit trail has the event, with ids only
        List<String> audited = jdbc.sql("""
                        select convert_from(entry, 'UTF8') from trust.audit_queue union all select convert_from(entry, 'UTF8') from trust.audit_log""")
                .query(String.class).list().stream().filter(entry -> entry.contains("StaffAccountReactivated")).toList();
        assertThat(audited).anySatisfy(entry -> assertThat(entry).contains(sam.id().toString()).doesNotContain(sam.email()));

        // a managed person's data erased: the account is a husk and stays deactivated
        admin.postForm("/admin/staff/" + sam.id() + "/deactivate", Map.of());
        jdbc.sql("update identity.account set erased_at = now() where id = ?").param(sam.id()).update();
        admin.get("/admin/staff/" + sam.id());
        HttpResponse<String> refused = admin.postForm("/admin/staff/" + sam.id() + "/reactivate", Map.of());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("href=\"#reactivate\"").contains("data was erased");
        assertThat(accounts.byId(sam.id()).orElseThrow().disabled()).isTrue();

        WebSession manager = signedIn("manager@riverside.example", CivitasTest.DEMO_PASSWORD);
        manager.get("/staff");
        assertThat(manager.postForm("/admin/staff/" + sam.id() + "/reactivate", Map.of()).statusCode()).isEqualTo(403);
    }

    @Test
    void administrationPagesShowRolesAndDatesInTheReadersLanguage() {
        // role names were looked up in en-GB and dates formatted in en-GB whatever the reader's language
        WebSession admin = signedIn("admin@riverside.example", CivitasTest.DEMO_PASSWORD);
        String welsh = "Accept-Language";
        org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
        soft.assertThat(admin.get("/admin/staff", welsh, "cy").body()).contains("Gweinyddwr").doesNotContain(">Administrator<");
        soft.assertThat(admin.get("/admin/bank-holidays?year=2028", welsh, "cy").body())
                .contains("Dydd Llun 25 Rhagfyr 2028").doesNotContain("Monday 25 December 2028")
                .contains("<html lang=\"cy\"").contains("Ychwanegu gŵyl y banc").contains("Neidio i’r prif gynnwys");
        java.time.Month thisMonth = java.time.LocalDate.now(java.time.ZoneId.of("Europe/London")).getMonth();
        soft.assertThat(admin.get("/admin/api-keys", welsh, "cy").body())
                .contains(thisMonth.getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.forLanguageTag("cy")) + " ")
                .doesNotContain(thisMonth.getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.UK) + " ");
        // and English stays English
        soft.assertThat(admin.get("/admin/bank-holidays?year=2028", welsh, "en-GB").body()).contains("Monday 25 December 2028");
        soft.assertAll();
    }
}

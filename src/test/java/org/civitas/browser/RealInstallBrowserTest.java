package org.civitas.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import org.civitas.platform.CivitasProperties;
import org.civitas.support.AuthenticatorApp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 12's "Done when" for a real install, in the browser alone: with {@code CIVITAS_DEMO=false}
 * and {@code CIVITAS_INITIAL_ADMIN_EMAIL}, the first administrator (password from the 0600 file
 * InitialAdministrator writes) signs in with the second factor staff must use, sets up a team, a
 * caseworker in it and a service owned by it, and publishes the service; a resident finds it and
 * reports through it; the caseworker, after setting up their own second factor, sees the case.
 * Every page on the way is scanned with axe-core, and no page logs a console error.
 */
@TestPropertySource(properties = {"civitas.demo=false", "civitas.initial-admin-email=" + RealInstallBrowserTest.ADMIN})
class RealInstallBrowserTest extends BrowserTest {

    static final String ADMIN = "it@newtown.example";
    /** A 1×1 PNG standing in for every map tile: nothing leaves the machine. */
    private static final byte[] TILE = java.util.Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private static final Pattern PASSWORD_LINE = Pattern.compile("(?m)^password: (\\S+)$");

    @Autowired
    CivitasProperties properties;

    private static Locator button(Page in, String name) {
        return in.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** Sets up the authenticator app the set-up page asks for, and carries on past the recovery codes. */
    private static void setUpSecondFactor(Page in) {
        assertThat(in).hasURL(Pattern.compile("/account/two-factor$"));
        assertNoAccessibilityViolations(in);
        in.getByText("I cannot scan the QR code").click();
        AuthenticatorApp app = new AuthenticatorApp(in.locator("#totp-secret").textContent().strip());
        in.getByLabel("Security code").fill(app.codeAt(Instant.now()));
        button(in, "Turn on authenticator app").click();
        assertThat(in.getByText("Your authenticator app is set up")).isVisible();
        assertNoAccessibilityViolations(in);
    }

    @Test
    void anAdministratorSetsUpATeamAStaffMemberAndAServiceFromThePagesAndAResidentReportsThroughIt() throws Exception {
        // 0. no demo: no demo banner, no demo accounts; the first password is in the data directory, readable by its owner only
        Path secrets = properties.dataDir().resolve("initial-admin-password.txt");
        Matcher line = PASSWORD_LINE.matcher(Files.readString(secrets));
        assertThat(line.find()).as("the first administrator's password is in %s", secrets).isTrue();

        // 1. the administrator signs in and must set up the second factor first
        open("/sign-in");
        assertThat(page.locator(".civitas-demo-banner")).hasCount(0);
        page.getByLabel("Email address").fill(ADMIN);
        page.getByLabel("Password").fill(line.group(1));
        button(page, "Sign in").click();
        setUpSecondFactor(page);

        // 2. a team
        open("/admin/staff");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Teams").setExact(true)).click();
        assertThat(page.getByText("There are no teams yet")).isVisible();
        assertNoAccessibilityViolations(page);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a team")).click();
        assertNoAccessibilityViolations(page);
        page.getByLabel("Team name").fill("Parks and play areas");
        page.getByLabel("Short code").fill("parks-play");
        button(page, "Add team").click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Team Parks and play areas is added");
        assertThat(page.getByRole(AriaRole.TABLE)).containsText("parks-play");
        assertNoAccessibilityViolations(page);

        // 3. a caseworker in that team
        open("/admin/staff/new");
        page.getByLabel("Full name").fill("Pat Parks");
        page.getByLabel("Email address").fill("pat.parks@newtown.example");
        page.getByLabel("Caseworker").check();
        page.getByLabel("Parks and play areas").check();
        button(page, "Create staff account").click();
        assertThat(page.getByText("Staff account created")).isVisible();
        String staffPassword = page.locator("#initial-password").textContent().strip();
        assertNoAccessibilityViolations(page);

        // 4. a service owned by the team, published
        open("/staff/services/new");
        assertNoAccessibilityViolations(page);
        page.getByLabel("Code", new Page.GetByLabelOptions().setExact(true)).fill("broken-bench");
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Report a broken bench");
        page.getByLabel("Description", new Page.GetByLabelOptions().setExact(true)).fill("Tell us about a broken or damaged bench in a park or play area.");
        page.getByLabel("Group", new Page.GetByLabelOptions().setExact(true)).fill("Parks and open spaces");
        page.getByLabel("Keywords").fill("bench, seat");
        page.locator("#team").selectOption("parks-play");
        page.getByLabel("Amount").fill("5");
        button(page, "Create draft service").click();
        assertThat(page).hasURL(Pattern.compile("/staff/services/broken-bench\\?done=created$"));
        assertNoAccessibilityViolations(page);
        // the body offers Welsh (CIVITAS_LANGUAGES defaults to en,cy): the draft cannot go live without its Welsh words
        button(page, "Publish").click();
        consoleErrors.removeIf(error -> error.contains("status of 400"));
        assertThat(page.locator(".govuk-error-summary")).containsText("Enter the service name in Welsh");
        assertThat(page.locator(".govuk-error-summary")).containsText("Enter the service description in Welsh");
        assertNoAccessibilityViolations(page);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Change the details")).click();
        page.getByLabel("Name (Cymraeg)").fill("Rhoi gwybod am fainc wedi torri");
        page.getByLabel("Description (Cymraeg)").fill("Dywedwch wrthon ni am fainc sydd wedi torri neu wedi’i difrodi mewn parc neu ardal chwarae.");
        assertNoAccessibilityViolations(page);
        button(page, "Save details").click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("The details are saved");
        assertThat(page.locator("[data-name-cy]")).hasText("Rhoi gwybod am fainc wedi torri");
        button(page, "Publish").click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("The service is live");
        assertNoAccessibilityViolations(page);

        // a resident whose browser asks for Welsh reads the service's Welsh words
        BrowserContext welshContext = newContext(false);
        Page welsh = welshContext.newPage();
        welsh.route("**/*", route -> { // the context's locale is en-GB: this resident's browser asks for Welsh
            java.util.Map<String, String> headers = new java.util.HashMap<>(route.request().headers());
            headers.put("accept-language", "cy");
            route.resume(new com.microsoft.playwright.Route.ResumeOptions().setHeaders(headers));
        });
        welsh.navigate(url("/report/broken-bench"));
        assertThat(welsh.locator("h1")).hasText("Rhoi gwybod am fainc wedi torri");
        assertThat(welsh.locator("main")).containsText("Dywedwch wrthon ni am fainc");
        welshContext.close();

        // 5. a resident, not signed in, finds the service and reports through it
        BrowserContext residentContext = newContext(true);
        residentContext.route(Pattern.compile("^https://tile\\.openstreetmap\\.org/.*"), route -> route.fulfill(
                new com.microsoft.playwright.Route.FulfillOptions().setStatus(200).setContentType("image/png").setBodyBytes(TILE)));
        Page resident = residentContext.newPage();
        watchConsole(resident);
        resident.navigate(url("/"));
        resident.getByLabel("Find a service").fill("bench");
        resident.getByLabel("Find a service").press("Enter");
        resident.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Report a broken bench")).first().click();
        assertThat(resident).hasURL(Pattern.compile("/report/broken-bench$"));
        button(resident, "Start now").click();
        resident.getByLabel("Where is it?").fill("By the swings in Victoria Park");
        button(resident, "Continue").click();
        resident.getByLabel("Tell us more").fill("The seat of the bench is split in two.");
        button(resident, "Continue").click();
        assertThat(resident.locator("#photo")).isAttached(); // no photo: it is optional
        button(resident, "Continue").click();
        resident.getByLabel("Full name").fill("Robin Resident");
        resident.getByLabel("Email address").fill("robin@example.org");
        button(resident, "Continue").click();
        assertThat(resident).hasURL(Pattern.compile("/check$"));
        button(resident, "Send").click();
        assertThat(resident.locator(".govuk-panel__title")).hasText("Request sent");
        String reference = resident.locator("[data-reference]").textContent().strip();
        assertNoAccessibilityViolations(resident);
        residentContext.close();

        // 6. the caseworker signs in for the first time, sets up their second factor, and sees the case
        BrowserContext staffContext = newContext(true);
        Page staff = staffContext.newPage();
        watchConsole(staff);
        staff.navigate(url("/sign-in"));
        staff.getByLabel("Email address").fill("pat.parks@newtown.example");
        staff.getByLabel("Password").fill(staffPassword);
        button(staff, "Sign in").click();
        setUpSecondFactor(staff);
        staff.navigate(url("/staff"));
        assertThat(staff.locator("table")).containsText(reference);
        assertNoAccessibilityViolations(staff);
        staff.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(reference)).click();
        assertThat(staff.locator(".govuk-summary-list").first()).containsText("By the swings in Victoria Park");
        assertNoAccessibilityViolations(staff);
        staffContext.close();

        assertNoConsoleErrors();
    }

    /** Collects the console errors of a page opened outside the base class's own context. */
    private void watchConsole(Page opened) {
        opened.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                consoleErrors.add(message.text() + " at " + message.location());
            }
        });
        opened.onPageError(error -> consoleErrors.add("uncaught: " + error));
    }
}

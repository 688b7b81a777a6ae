package org.civitas.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.civitas.CivitasTest;
import org.civitas.requests.staff.StaffConsolePagesTestSupport;
import org.junit.jupiter.api.Test;

/** The staff console in a real browser: accessible (error states too), usable with the keyboard, working without JavaScript. */
class StaffConsoleBrowserTest extends BrowserTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.civitas.identity.account.AccountService accountService;

    @org.springframework.beans.factory.annotation.Autowired
    org.civitas.catalogue.Teams teams;

    private void signIn(Page in, String email) {
        in.navigate(url("/sign-in"));
        in.getByLabel("Email address").fill(email);
        in.getByLabel("Password").fill(CivitasTest.DEMO_PASSWORD);
        in.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        in.waitForLoadState();
    }

    private Locator button(Page in, String name) {
        return in.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    @Test
    void aCaseworkerPicksUpACaseAndResolvesItWithNotes() {
        String reference = StaffConsolePagesTestSupport.submit(port, "pothole");
        signIn(page, "caseworker@riverside.example");

        open("/staff");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Staff console"))).isVisible();
        assertThat(page.locator("table")).containsText(reference);
        assertNoAccessibilityViolations(page);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(reference)).click();
        assertThat(page).hasTitle(Pattern.compile("^Case " + reference));
        assertNoAccessibilityViolations(page);
        button(page, "Assign to me").click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("The case is assigned");
        assertThat(page.locator(".govuk-summary-list").first()).containsText("Casey Caseworker");

        // a mistake first: no status chosen
        button(page, "Change status").click();
        assertThat(page).hasTitle(Pattern.compile("^Error: Case "));
        assertThat(page.locator(".govuk-error-summary")).containsText("Choose the new status");
        assertNoAccessibilityViolations(page);

        moveWithTheKeyboard("Acknowledged", "Thank you, we have your report.", "Checked against the map: council road.");
        moveWithTheKeyboard("In progress", "A crew is booked for Thursday.", "Needs the big patcher.");
        moveWithTheKeyboard("Resolved", "The pothole is filled.", "Used 2 bags of cold lay.");

        Locator history = page.locator(".civitas-timeline");
        assertThat(history).containsText("In progress to Resolved");
        assertThat(history).containsText("The pothole is filled.");
        assertThat(history).containsText("Used 2 bags of cold lay.");
        assertThat(history.locator(".govuk-tag", new Locator.LocatorOptions().setHasText("Internal note"))).hasCount(3);
        assertThat(history.locator(".govuk-tag", new Locator.LocatorOptions().setHasText("Public note"))).hasCount(3);
        assertThat(page.locator(".govuk-tag--blue").first()).hasText("Resolved");
        assertNoAccessibilityViolations(page);
        screenshot(page, "staff-case");
        assertNoConsoleErrors();
    }

    private void moveWithTheKeyboard(String status, String publicNote, String internalNote) {
        Locator choice = page.getByLabel(status, new Page.GetByLabelOptions().setExact(true));
        choice.focus();
        page.keyboard().press("Space");
        assertThat(choice).isChecked();
        page.keyboard().press("Tab");
        assertThat(page.getByLabel("Public note (optional)")).isFocused();
        page.keyboard().type(publicNote);
        page.keyboard().press("Tab");
        assertThat(page.getByLabel("Internal note (optional)")).isFocused();
        page.keyboard().type(internalNote);
        page.keyboard().press("Tab");
        assertThat(button(page, "Change status")).isFocused();
        page.keyboard().press("Enter");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("The status is changed");
        assertThat(page.locator(".civitas-timeline")).containsText(publicNote);
    }

    @Test
    void aCaseworkerEntersARequestForAResidentWhoPhoned() {
        signIn(page, "caseworker@riverside.example");
        open("/staff");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Enter a request for a resident")).click();
        assertThat(page).hasTitle(Pattern.compile("^Enter a request for a resident"));
        assertNoAccessibilityViolations(page);
        page.getByLabel("Service").selectOption("pothole");
        page.getByLabel("Phone call to staff").check();
        button(page, "Continue").click();
        assertThat(page).hasURL(Pattern.compile("/staff/requests/new/pothole\\?channel=phone$"));
        assertNoAccessibilityViolations(page);

        // a mistake first: nowhere given, no answers
        button(page, "Enter the request").click();
        assertThat(page).hasTitle(Pattern.compile("^Error: "));
        assertThat(page.locator(".govuk-error-summary")).containsText("Give where it is");
        assertNoAccessibilityViolations(page);

        page.getByLabel("Address or place").fill("Outside the library on Mill Lane");
        page.getByLabel("Larger than a dinner plate").check();
        page.getByLabel("On the road").check();
        page.getByLabel("Description (optional)").fill("The resident says it is getting deeper.");
        page.getByLabel("Phone number").fill("01632 960 002");
        button(page, "Enter the request").click();
        assertThat(page).hasTitle(Pattern.compile("^Case "));
        assertThat(page.locator("main")).containsText("Phone call to staff");
        assertThat(page.locator("main")).containsText("Outside the library on Mill Lane");
        assertNoAccessibilityViolations(page);
        // the refused form came back as 400 Bad Request, on purpose; the browser reports that status when it
        // likes (not always before the click returns), so it is set aside here, by its address, and only it
        consoleErrors.removeIf(error -> error.contains("status of 400") && error.contains("/staff/requests/new/pothole"));
        assertNoConsoleErrors();
    }

    @Test
    void theCasePageWorksWithoutJavaScript() {
        String reference = StaffConsolePagesTestSupport.submit(port, "pothole");
        String original = StaffConsolePagesTestSupport.submit(port, "pothole");
        Page noScript = openWithoutJavaScript();
        signIn(noScript, "caseworker@riverside.example");
        noScript.navigate(url("/staff?sort=expected"));
        noScript.getByLabel("Status").selectOption("submitted");
        button(noScript, "Apply filters").click();
        assertThat(noScript).hasURL(Pattern.compile("status=submitted"));
        noScript.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(reference)).click();

        button(noScript, "Assign to me").click();
        assertThat(noScript.getByRole(AriaRole.ALERT)).containsText("The case is assigned");
        noScript.getByLabel("Acknowledged", new Page.GetByLabelOptions().setExact(true)).check();
        noScript.getByLabel("Public note (optional)").fill("We have your report.");
        button(noScript, "Change status").click();
        assertThat(noScript.locator(".civitas-timeline")).containsText("We have your report.");

        noScript.getByLabel("Reference of the original request").fill("RBC-0000-0000");
        button(noScript, "Mark as duplicate").click();
        assertThat(noScript.locator(".govuk-error-summary")).containsText("There is no request with this reference");
        noScript.getByLabel("Reference of the original request").fill(original);
        button(noScript, "Mark as duplicate").click();
        assertThat(noScript.getByRole(AriaRole.ALERT)).containsText("The case is marked as a duplicate");
        assertThat(noScript.locator(".govuk-summary-list").first()).containsText(original);
    }

    @Test
    void theQueueWithBadFiltersAndAnotherTeamsCaseAreAccessible() {
        String tree = StaffConsolePagesTestSupport.submit(port, "tree");
        signIn(page, "caseworker@riverside.example");
        open("/staff?status=lost&age=3");
        consoleErrors.removeIf(error -> error.contains("status of 400"));
        assertThat(page.locator(".govuk-error-summary")).containsText("Choose a status from the list");
        assertNoAccessibilityViolations(page);

        var notFound = open("/staff/cases/" + tree);
        org.assertj.core.api.Assertions.assertThat(notFound.status()).isEqualTo(404);
        assertNoAccessibilityViolations(page);
        assertNoConsoleErrorsButTheErrorStatusOf(page);
    }

    @Test
    void theCatalogueAndStaffAdministrationPagesAreAccessibleWithTheirErrors() {
        signIn(page, "admin@riverside.example");
        open("/staff");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Services").setExact(true)).click();
        assertThat(page.locator("table")).containsText("Pothole");
        assertNoAccessibilityViolations(page);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create a service")).click();
        assertNoAccessibilityViolations(page);
        page.getByLabel("Code").fill("Not a code");
        button(page, "Create draft service").click();
        consoleErrors.removeIf(error -> error.contains("status of 400"));
        assertThat(page.locator(".govuk-error-summary")).containsText("Enter a name for the service");
        assertNoAccessibilityViolations(page);

        open("/staff/services/pothole");
        assertNoAccessibilityViolations(page);
        open("/staff/services/pothole/questions");
        assertThat(page.getByLabel("Code").first()).isVisible();
        assertNoAccessibilityViolations(page);
        page.locator("#questions-0-code").fill("Bad Code");
        button(page, "Publish as a new version").first().click();
        consoleErrors.removeIf(error -> error.contains("status of 400"));
        assertThat(page.locator(".govuk-error-summary")).containsText("Enter a question code");
        assertNoAccessibilityViolations(page);

        accountService.createStaff("robin.rota@riverside.example", "Robin Rota", "A long enough first password",
                java.util.Set.of(org.civitas.identity.Role.CASEWORKER), java.util.Set.of(teams.byCode("highways").orElseThrow().id()), null);
        open("/admin/staff");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Change Robin Rota")).click();
        assertThat(page.getByLabel("Caseworker")).isChecked();
        assertNoAccessibilityViolations(page);
        page.getByLabel("Highways and street lighting").uncheck();
        page.getByLabel("Parks and trees").check();
        button(page, "Save role and teams").click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("The role and teams are saved");
        assertNoAccessibilityViolations(page);
        button(page, "Deactivate account").click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Change Robin Rota")).click();
        assertThat(button(page, "Reactivate account")).isVisible();
        assertNoAccessibilityViolations(page);
        button(page, "Reactivate account").click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("The staff account is reactivated");
        assertThat(button(page, "Deactivate account")).isVisible();
        assertNoAccessibilityViolations(page);

        open("/admin/staff");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Change Alex Admin")).click();
        button(page, "Deactivate account").click();
        consoleErrors.removeIf(error -> error.contains("status of 400"));
        assertThat(page.locator(".govuk-error-summary")).containsText("You cannot deactivate your own account");
        assertNoAccessibilityViolations(page);
        // the browser may report a form's 400 after the removeIf just after its click: every 400 here is one of the forms sent back on purpose
        consoleErrors.removeIf(error -> error.contains("status of 400"));
        assertNoConsoleErrors();
    }
}

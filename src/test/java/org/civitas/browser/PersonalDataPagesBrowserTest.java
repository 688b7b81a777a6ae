package org.civitas.browser;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.civitas.CivitasTest;
import org.civitas.catalogue.Services;
import org.civitas.identity.account.Accounts;
import org.civitas.requests.cases.Channel;
import org.civitas.requests.cases.Contact;
import org.civitas.requests.cases.NewServiceRequest;
import org.civitas.requests.cases.ServiceRequestRegister;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The personal-data pages in a real browser: a caseworker reveals a requester's contact details with
 * a purpose; the requester sees it on "Who has seen your data", then deletes their data, and the
 * caseworker finds the details erased. Every page is checked with axe (WCAG 2.2 AA).
 */
class PersonalDataPagesBrowserTest extends BrowserTest {

    @Autowired
    ServiceRequestRegister register;

    @Autowired
    Services services;

    @Autowired
    Accounts accounts;

    private void signIn(Page in, String email, String password) {
        in.navigate(url("/sign-in"));
        in.getByLabel("Email address").fill(email);
        in.getByLabel("Password").fill(password);
        in.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(in.getByText(Pattern.compile("^Signed in as"))).isVisible();
    }

    private void signOut(Page in) {
        in.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
    }

    @Test
    void aRevealIsSeenByTheResidentWhoThenDeletesTheirData() {
        String email = "browser-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        open("/register");
        page.getByLabel("Full name").fill("Bea Browser");
        page.getByLabel("Email address").fill(email);
        page.getByLabel("Password").fill("a browser friendly password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
        assertThat(page).hasURL(Pattern.compile("/account\\?registered$"));
        UUID account = accounts.byEmail(email).orElseThrow().id();
        String reference = register.submit(new NewServiceRequest(services.liveByCode("pothole").orElseThrow(),
                services.currentVersion("pothole").orElseThrow(), "A hole by the school gate.", new BigDecimal("51.4613"),
                new BigDecimal("-0.3037"), null, null, null, Map.of("size", List.of("large"), "surface", List.of("road")),
                Channel.WEB, new Contact("Bea", "Browser", "bea.b@example.org", "07700 900444"), account)).reference();

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Who has seen your data")).click();
        assertThat(page.locator("#no-accesses")).isVisible();
        assertNoAccessibilityViolations(page);
        signOut(page);

        // the caseworker first forgets the reason, then gives one
        signIn(page, "caseworker@riverside.example", CivitasTest.DEMO_PASSWORD);
        open("/staff/cases/" + reference + "/contact");
        assertNoAccessibilityViolations(page);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show contact details")).click();
        assertThat(page).hasTitle(Pattern.compile("^Error: "));
        assertThat(page.locator(".govuk-error-summary")).containsText("Select why you need the contact details");
        assertNoAccessibilityViolations(page);
        page.getByLabel("To ask them for more details").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show contact details")).click();
        assertThat(page.locator("#contact")).containsText("bea.b@example.org");
        assertThat(page.locator("#contact")).containsText("07700 900444");
        assertNoAccessibilityViolations(page);
        signOut(page);

        signIn(page, email, "a browser friendly password");
        open("/account/data-access");
        assertThat(page.locator("#accesses")).containsText("To ask them for more details");
        assertThat(page.locator("#accesses")).containsText("Caseworker, Highways and street lighting");
        assertThat(page.locator("#accesses")).containsText("Riverside Borough Council");
        assertNoAccessibilityViolations(page);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Delete your data")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Delete your data"))).isVisible();
        assertNoAccessibilityViolations(page);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete my data")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Your data has been deleted"))).isVisible();
        assertNoAccessibilityViolations(page);
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).first()).isVisible();

        signIn(page, "caseworker@riverside.example", CivitasTest.DEMO_PASSWORD);
        open("/staff/cases/" + reference + "/contact");
        page.getByLabel("To update them about this request").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show contact details")).click();
        assertThat(page.locator("#contact")).containsText("erased");
        assertThat(page.locator("body")).not().containsText("bea.b@example.org");
        consoleErrors.removeIf(error -> error.contains("status of 400")); // the form without a reason comes back 400, on purpose
        assertNoConsoleErrors();
    }
}

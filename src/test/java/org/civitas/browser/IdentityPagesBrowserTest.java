package org.civitas.browser;

import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.civitas.CivitasTest;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** Sign-in, registration, account and administration pages in a real browser: accessible, keyboard and no-JavaScript friendly. */
class IdentityPagesBrowserTest extends BrowserTest {

    @Test
    void aResidentRegistersWithTheKeyboardAloneAfterFixingTheirMistakes() {
        open("/register");
        assertNoAccessibilityViolations(page);

        page.getByLabel("Full name").focus();
        page.keyboard().type("Kim Keyboard");
        page.keyboard().press("Tab");
        page.keyboard().type("not-an-email");
        page.keyboard().press("Tab");
        page.keyboard().type("short");
        page.keyboard().press("Enter");

        assertThat(page).hasTitle(Pattern.compile("^Error: Create an account"));
        consoleErrors.removeIf(error -> error.contains("status of 400")); // the form comes back as 400 Bad Request, on purpose
        assertThat(page.locator(".govuk-error-summary")).containsText("Enter an email address in the correct format");
        assertThat(page.locator(".govuk-error-summary")).containsText("Password must be 10 characters or more");
        assertNoAccessibilityViolations(page);
        screenshot(page, "register-errors");

        page.locator(".govuk-error-summary a[href='#email']").focus();
        page.keyboard().press("Enter");
        assertThat(page.getByLabel("Email address")).isFocused();
        page.keyboard().press("Control+A");
        page.keyboard().type("kim.keyboard@example.org");
        page.keyboard().press("Tab");
        assertThat(page.getByLabel("Password")).isFocused();
        page.keyboard().type("a keyboard friendly password");
        page.keyboard().press("Tab");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account"))).isFocused();
        page.keyboard().press("Enter");

        assertThat(page).hasURL(Pattern.compile("/account\\?registered$"));
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Your account has been created");
        assertNoAccessibilityViolations(page);
        assertNoConsoleErrors();
    }

    @Test
    void signInAndOutWorkWithoutJavaScript() {
        Page noScript = openWithoutJavaScript();
        noScript.navigate(url("/sign-in"));
        noScript.getByLabel("Email address").fill("citizen@riverside.example");
        noScript.getByLabel("Password").fill("wrong password entirely");
        noScript.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(noScript.locator(".govuk-error-summary")).containsText("Enter a correct email address and password");

        noScript.getByLabel("Email address").fill("citizen@riverside.example");
        noScript.getByLabel("Password").fill(CivitasTest.DEMO_PASSWORD);
        noScript.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(noScript.getByText("Signed in as Chris Citizen")).isVisible();

        noScript.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        assertThat(noScript.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).first()).isVisible();
        noScript.context().close();
    }

    @Test
    void signInPagesAreAccessible() {
        open("/sign-in");
        assertNoAccessibilityViolations(page);
        open("/sign-in?error=credentials");
        assertNoAccessibilityViolations(page);
        open("/sign-in?error=attempts");
        assertNoAccessibilityViolations(page);
        assertNoConsoleErrors();
    }

    @Test
    void staffPagesAreAccessible() {
        open("/sign-in");
        screenshot(page, "sign-in");
        page.getByLabel("Email address").fill("admin@riverside.example");
        page.getByLabel("Password").fill(CivitasTest.DEMO_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByText("Protect your staff account with an authenticator app")).isVisible();
        assertNoAccessibilityViolations(page);

        open("/account/two-factor");
        assertThat(page.locator("svg[role=img]")).isVisible();
        assertNoAccessibilityViolations(page);

        open("/admin/staff");
        assertThat(page.getByRole(AriaRole.TABLE)).containsText("Casey Caseworker");
        assertNoAccessibilityViolations(page);

        open("/admin/staff/new");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create staff account")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("Select a role");
        assertNoAccessibilityViolations(page);
        consoleErrors.removeIf(error -> error.contains("status of 400")); // the form comes back as 400 Bad Request, on purpose

        open("/admin/api-keys");
        assertNoAccessibilityViolations(page);
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Browser test key");
        page.getByLabel("Owner").fill("Quality team");
        page.getByLabel("Read cases").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create API key")).click();
        assertThat(page.locator("#api-key")).hasText(Pattern.compile("^civ_[a-z2-7]{40}$"));
        assertNoAccessibilityViolations(page);

        open("/admin/api-keys");
        assertThat(page.getByRole(AriaRole.TABLE)).containsText("Browser test key");
        assertNoAccessibilityViolations(page);
        assertNoConsoleErrors();
    }
}

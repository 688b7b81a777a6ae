package org.civitas.browser;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.civitas.CivitasTest;
import org.civitas.catalogue.Service;
import org.civitas.catalogue.Services;
import org.civitas.identity.account.Accounts;
import org.civitas.requests.cases.Actor;
import org.civitas.requests.cases.CaseScope;
import org.civitas.requests.cases.Cases;
import org.civitas.requests.cases.Channel;
import org.civitas.requests.cases.NewServiceRequest;
import org.civitas.requests.cases.ServiceRequestRegister;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** "Your requests" for a signed-in resident: their requests with the public history only, accessible, with and without JavaScript. */
class YourRequestsBrowserTest extends BrowserTest {

    @Autowired
    ServiceRequestRegister register;

    @Autowired
    Services services;

    @Autowired
    Accounts accounts;

    @Autowired
    Cases cases;

    @Test
    void aSignedInResidentSeesTheirRequestsWithPublicNotesOnly() {
        UUID citizen = accounts.byEmail("citizen@riverside.example").orElseThrow().id();
        Service pothole = services.liveByCode("pothole").orElseThrow();
        String reference = register.submit(new NewServiceRequest(pothole, services.currentVersion("pothole").orElseThrow(),
                "A pothole outside the library", new BigDecimal("51.461300"), new BigDecimal("-0.303700"), "Library Road",
                null, null, Map.of("size", List.of("small")), Channel.WEB, null, citizen)).reference();
        cases.transition(CaseScope.all(), reference, "acknowledged", Actor.system(), "We will look at it this week.",
                "Internal: crew B");

        page.navigate(url("/sign-in"));
        page.getByLabel("Email address").fill("citizen@riverside.example");
        page.getByLabel("Password").fill(CivitasTest.DEMO_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForLoadState();

        open("/your-requests");
        assertThat(page.locator("main")).containsText(reference);
        assertThat(page.locator("main")).containsText("We will look at it this week.");
        assertThat(page.locator("main")).not().containsText("crew B");
        assertNoAccessibilityViolations(page);
        assertNoConsoleErrors();

        Page noScript = openWithoutJavaScript();
        noScript.navigate(url("/sign-in"));
        noScript.getByLabel("Email address").fill("citizen@riverside.example");
        noScript.getByLabel("Password").fill(CivitasTest.DEMO_PASSWORD);
        noScript.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        noScript.navigate(url("/your-requests"));
        assertThat(noScript.locator("main")).containsText(reference);
    }
}

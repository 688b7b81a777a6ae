package org.civitas.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.LoadState;

import org.civitas.requests.cases.Actor;
import org.civitas.requests.cases.CaseScope;
import org.civitas.requests.cases.Cases;
import org.civitas.support.TestPhotos;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.Test;

/**
 * The report journey in a real browser: with the keyboard alone, without JavaScript, with a pin
 * dropped on the map, every page and error state scanned with axe-core, no console errors (so no
 * content security policy violations), and no page over 200 KB on first load. Map tiles never
 * leave the machine: the tile server's address is answered by the test with a blank tile.
 */
class ReportJourneyBrowserTest extends BrowserTest {

    @Autowired
    Cases cases;

    /** A 1×1 PNG standing in for every map tile. */
    private static final byte[] TILE = java.util.Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    @org.junit.jupiter.api.BeforeEach
    void tilesStayLocal() {
        serveTiles(context);
    }

    private void serveTiles(BrowserContext in) {
        in.route(Pattern.compile("^https://tile\\.openstreetmap\\.org/.*"),
                route -> route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("image/png").setBodyBytes(TILE)));
    }

    /** Presses Tab until the element has focus, as a keyboard user would; fails after 60 presses. */
    private void tabTo(Locator target) {
        for (int i = 0; i < 60; i++) {
            page.keyboard().press("Tab");
            if ((Boolean) target.evaluate("el => el === document.activeElement")) {
                return;
            }
        }
        throw new AssertionError("Tab never reached " + target);
    }

    /**
     * A form sent with mistakes comes back from the server, not from a script: as 400 Bad Request,
     * with the GOV.UK error summary. (The browser then logs that 400, which
     * {@link #assertNoConsoleErrorsButBadRequests} lets through.)
     */
    private void expectErrorsFromTheServer(Page in) {
        assertThat(in.locator(".govuk-error-summary")).isVisible();
        assertThat(documentStatus(in)).as("status of %s, sent back with its mistakes", in.url()).isEqualTo(400);
    }

    /** No console errors (so no content security policy violation) but the 400 of a form sent back with its mistakes. */
    private void assertNoConsoleErrorsButBadRequests() {
        assertThat(consoleErrors).as("console errors")
                .filteredOn(error -> !error.startsWith("Failed to load resource: the server responded with a status of 400"))
                .isEmpty();
    }

    @Test
    void aResidentReportsAPotholeWithTheKeyboardAlone() throws Exception {
        serveTiles(context);
        open("/");
        assertNoAccessibilityViolations(page);
        screenshot(page, "start");

        tabTo(page.getByLabel("Find a service"));
        page.keyboard().type("pothole");
        page.keyboard().press("Enter");
        assertThat(page.locator("#results")).isVisible();
        assertNoAccessibilityViolations(page);
        tabTo(page.locator("#results + p + ul a").first());
        page.keyboard().press("Enter");

        assertThat(page).hasURL(Pattern.compile("/report/pothole$"));
        assertNoAccessibilityViolations(page);
        tabTo(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start now")));
        page.keyboard().press("Enter");

        assertThat(page).hasURL(Pattern.compile("/report/pothole/location$"));
        assertThat(page.locator("[data-map]")).isVisible(); // JavaScript on: the map is offered
        assertNoAccessibilityViolations(page);
        tabTo(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")));
        page.keyboard().press("Enter");
        assertThat(page).hasTitle(Pattern.compile("^Error: Where is it\\?"));
        expectErrorsFromTheServer(page);
        assertThat(page.locator(".govuk-error-summary")).isFocused(); // GOV.UK Frontend moves focus to the summary
        assertNoAccessibilityViolations(page);
        tabTo(page.locator(".govuk-error-summary a[href='#address']"));
        page.keyboard().press("Enter");
        assertThat(page.getByLabel("Where is it?")).isFocused();
        page.keyboard().type("Outside 12 High Street, RB1 2AA");
        tabTo(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")));
        page.keyboard().press("Enter");

        assertThat(page).hasURL(Pattern.compile("/question/size$"));
        assertNoAccessibilityViolations(page);
        screenshot(page, "question");
        tabTo(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")));
        page.keyboard().press("Enter");
        expectErrorsFromTheServer(page);
        assertThat(page.locator(".govuk-error-summary")).containsText("Choose an answer to this question");
        assertNoAccessibilityViolations(page);
        tabTo(page.getByLabel("Smaller than a dinner plate"));
        page.keyboard().press("ArrowDown"); // radios: arrows move the choice
        page.keyboard().press("ArrowDown");
        assertThat(page.getByLabel("Larger than a dinner plate")).isChecked();
        page.keyboard().press("Enter");

        assertThat(page).hasURL(Pattern.compile("/question/depth$"));
        tabTo(page.getByLabel("About how deep is it, in centimetres?"));
        page.keyboard().type("about ten");
        page.keyboard().press("Enter");
        expectErrorsFromTheServer(page);
        assertThat(page.locator(".govuk-error-summary")).containsText("Enter a number");
        assertNoAccessibilityViolations(page);
        tabTo(page.getByLabel("About how deep is it, in centimetres?"));
        page.keyboard().press("Control+A");
        page.keyboard().type("10");
        page.keyboard().press("Enter");

        assertThat(page).hasURL(Pattern.compile("/question/surface$"));
        tabTo(page.getByLabel("On the road"));
        page.keyboard().press("Space");
        page.keyboard().press("Enter");

        assertThat(page).hasURL(Pattern.compile("/description$"));
        assertNoAccessibilityViolations(page);
        tabTo(page.getByLabel("Tell us more"));
        page.keyboard().type("Deep hole by the bus stop, cyclists swerve round it.");
        tabTo(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")));
        page.keyboard().press("Enter");

        assertThat(page).hasURL(Pattern.compile("/photo$"));
        assertNoAccessibilityViolations(page);
        tabTo(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")));
        page.keyboard().press("Enter"); // no photo: it is optional

        assertThat(page).hasURL(Pattern.compile("/contact$"));
        assertNoAccessibilityViolations(page);
        tabTo(page.getByLabel("Email address"));
        page.keyboard().type("not an address");
        page.keyboard().press("Enter");
        expectErrorsFromTheServer(page);
        assertThat(page.locator(".govuk-error-summary")).containsText("Enter an email address in the correct format");
        assertNoAccessibilityViolations(page);
        tabTo(page.getByLabel("Email address"));
        page.keyboard().press("Control+A");
        page.keyboard().press("Delete");
        page.keyboard().press("Enter"); // contact details are optional for a pothole

        assertThat(page).hasURL(Pattern.compile("/check$"));
        assertThat(page.locator(".govuk-summary-list")).containsText("Larger than a dinner plate");
        assertNoAccessibilityViolations(page);
        screenshot(page, "check-answers");
        // change an answer and come back to check your answers
        tabTo(page.locator("a[href='/report/pothole/question/depth?return=check']"));
        page.keyboard().press("Enter");
        tabTo(page.getByLabel("About how deep is it, in centimetres?"));
        page.keyboard().press("Control+A");
        page.keyboard().type("12");
        page.keyboard().press("Enter");
        assertThat(page).hasURL(Pattern.compile("/check$"));
        assertThat(page.locator(".govuk-summary-list")).containsText("12");
        tabTo(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")));
        page.keyboard().press("Enter");

        assertThat(page).hasURL(Pattern.compile("/confirmation$"));
        assertThat(page.locator(".govuk-panel__title")).hasText("Request sent");
        String reference = page.locator("[data-reference]").textContent();
        assertThat(reference).matches("[A-Z]+-[A-Z0-9]{4}-[A-Z0-9]{4}");
        assertNoAccessibilityViolations(page);
        // the reference is random: masked, so the picture changes only when the page does
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("confirmation.png")).setFullPage(true)
                .setMask(List.of(page.locator("[data-reference]"))));

        tabTo(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Track your request")));
        page.keyboard().press("Enter");
        assertThat(page.locator("[data-status]")).hasText("Received");
        assertNoAccessibilityViolations(page);
        assertNoConsoleErrorsButBadRequests();
    }

    @Test
    void aResidentReportsWithJavaScriptOffIncludingAPhoto() throws Exception {
        Page noScript = openWithoutJavaScript();
        noScript.navigate(url("/report/fly-tipping"));
        noScript.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start now")).click();
        assertThat(noScript.locator("[data-map]")).isHidden(); // no JavaScript: the text route alone
        noScript.getByLabel("Where is it?").fill("Alley behind 4 Mill Lane");
        noScript.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        assertThat(noScript).hasURL(Pattern.compile("/question/waste_type$"));
        noScript.getByLabel("Furniture").check();
        noScript.getByLabel("Black bags").check();
        noScript.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        noScript.getByLabel("A van load or more").check();
        noScript.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        assertThat(noScript).hasURL(Pattern.compile("/question/seen_dumping$"));
        noScript.getByLabel("Day").fill("30");
        noScript.getByLabel("Month").fill("2");
        noScript.getByLabel("Year").fill("2026");
        noScript.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        assertThat(noScript.locator(".govuk-error-summary")).containsText("Enter a real date");
        expectErrorsFromTheServer(noScript);
                noScript.getByLabel("Day").fill("27");
        noScript.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        noScript.getByLabel("Tell us more").fill("Sofa and bags.");
        noScript.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();

        Path notAPhoto = Files.createTempFile("civitas", ".jpg");
        Files.writeString(notAPhoto, "<html>not a photo</html>");
        noScript.setInputFiles("#photo", notAPhoto);
        noScript.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        assertThat(noScript.locator(".govuk-error-summary")).containsText("must be a JPEG or PNG image");
        expectErrorsFromTheServer(noScript);
                Path photo = Files.createTempFile("civitas", ".jpg");
        Files.write(photo, TestPhotos.jpegWithGps());
        noScript.setInputFiles("#photo", photo);
        noScript.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        assertThat(noScript).hasURL(Pattern.compile("/contact$"));
        noScript.navigate(url("/report/fly-tipping/photo"));
        assertThat(noScript.locator("img.civitas-photo")).isVisible();
        assertThat((Boolean) noScript.locator("img.civitas-photo").evaluate("img => img.complete && img.naturalWidth > 0")).isTrue();
                noScript.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();

        noScript.getByLabel("Full name").fill("Nora Noscript");
        noScript.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        assertThat(noScript.locator(".govuk-summary-list")).containsText("Furniture");
        assertThat(noScript.locator(".govuk-summary-list")).containsText("27 February 2026");
        assertThat(noScript.locator(".govuk-summary-list")).containsText("Photo added");
        noScript.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
        assertThat(noScript.locator(".govuk-panel__title")).hasText("Request sent");
        
        noScript.navigate(url("/track"));
        noScript.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Find request")).click();
        assertThat(noScript.locator(".govuk-error-summary")).containsText("Enter your reference number");
        expectErrorsFromTheServer(noScript);
        
        noScript.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("give your feedback")).click();
        assertThat(noScript).hasURL(Pattern.compile("/feedback\\?from=/track$"));
        noScript.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
        assertThat(noScript.locator(".govuk-error-summary")).containsText("Enter what the problem is");
        expectErrorsFromTheServer(noScript);
                noScript.getByLabel("Report a problem with this page").fill("The button label was unclear.");
        noScript.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
        assertThat(noScript.locator(".govuk-panel__title")).hasText("Thank you for your feedback");
        assertNoConsoleErrorsButBadRequests();
        noScript.context().close();
    }

    @Test
    void aPinDroppedOnTheMapIsTheLocation() {
        serveTiles(context);
        open("/report/street-light/location");
        Locator map = page.locator("#map");
        assertThat(map).isVisible();
        assertThat(page.locator(".leaflet-tile-loaded").first()).isVisible();
        map.click(new Locator.ClickOptions().setPosition(200, 150));
        assertThat(page.locator(".leaflet-marker-icon")).isVisible();
        assertThat(page.locator("#lat")).hasValue(Pattern.compile("^-?\\d+\\.\\d{6}$"));
        assertThat(page.locator("#lon")).hasValue(Pattern.compile("^-?\\d+\\.\\d{6}$"));
        assertThat(page.locator("[data-map-status]")).containsText("Pin dropped at");
        assertNoAccessibilityViolations(page);
        // the map's attribution links are told apart from its text by an underline, not by colour alone
        // (WCAG 1.4.1; axe's link-in-text-block cannot always decide it over the map's tiles)
        Locator attributionLinks = page.locator(".leaflet-control-attribution a");
        assertThat(attributionLinks.first()).isAttached();
        for (Locator link : attributionLinks.all()) {
            assertThat((String) link.evaluate("a => getComputedStyle(a).textDecorationLine")).as("attribution link %s", link.textContent())
                    .contains("underline");
        }
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        assertThat(page).hasURL(Pattern.compile("/question/column_number$")); // the pin alone is enough
        page.goBack();
        assertNoConsoleErrors();
    }

    @Test
    void noPageOfTheJourneyWeighsOver200KilobytesOnFirstLoad() {
        List<String> paths = List.of("/", "/?q=bin", "/report/pothole", "/report/pothole/location", "/track", "/feedback");
        for (String path : paths) {
            BrowserContext fresh = newContext(true);
            serveTiles(fresh);
            Page first = fresh.newPage();
            List<Response> responses = new ArrayList<>();
            first.onResponse(responses::add);
            first.navigate(url(path));
            first.waitForLoadState(LoadState.NETWORKIDLE);
            long transferred = List.copyOf(responses).stream().filter(r -> !r.url().contains("tile.openstreetmap.org"))
                    .mapToLong(r -> r.request().sizes().responseBodySize + r.request().sizes().responseHeadersSize).sum();
            assertThat(transferred).as("bytes transferred for %s", path).isLessThan(200 * 1024);
            fresh.close();
        }
        // the pages inside the journey need its session: walk to them in one context, with an empty cache
        BrowserContext walk = newContext(true);
        serveTiles(walk);
        Page journey = walk.newPage();
        journey.navigate(url("/report/pothole/location"));
        journey.getByLabel("Where is it?").fill("Corner of Mill Lane");
        journey.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        for (String step : List.of("/report/pothole/question/size", "/report/pothole/description", "/report/pothole/photo",
                "/report/pothole/contact")) {
            BrowserContext cold = newContext(true);
            cold.addCookies(walk.cookies());
            Page first = cold.newPage();
            List<Response> responses = new ArrayList<>();
            first.onResponse(responses::add);
            first.navigate(url(step));
            first.waitForLoadState(LoadState.NETWORKIDLE);
            long transferred = List.copyOf(responses).stream()
                    .mapToLong(r -> r.request().sizes().responseBodySize + r.request().sizes().responseHeadersSize).sum();
            assertThat(transferred).as("bytes transferred for %s", step).isLessThan(200 * 1024);
            cold.close();
        }
        walk.close();
    }

    @Test
    void errorStatesOfTheOtherPagesAreAccessible() throws Exception {
        // axe-core runs as a script, so these are scanned with JavaScript on; the test above submits them without
        open("/track?reference=nothing");
        assertThat(page.locator(".govuk-error-summary")).containsText("There is no request with this reference number");
        assertNoAccessibilityViolations(page);
        open("/feedback?from=/track");
        assertNoAccessibilityViolations(page);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("Enter what the problem is");
        assertNoAccessibilityViolations(page);
        page.getByLabel("Report a problem with this page").fill("Fine now.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
        assertNoAccessibilityViolations(page);

        open("/report/noise/location");
        page.getByLabel("Where is it?").fill("Flat 2, 8 River Road");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        page.getByLabel("Barking dogs").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        assertThat(page).hasURL(Pattern.compile("/question/started$"));
        assertNoAccessibilityViolations(page);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("Answer this question");
        assertNoAccessibilityViolations(page);
        page.getByLabel("Day").fill("30");
        page.getByLabel("Month").fill("2");
        page.getByLabel("Year").fill("2026");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("Enter a real date");
        assertNoAccessibilityViolations(page);
        page.getByLabel("Day").fill("20");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        assertThat(page).hasURL(Pattern.compile("/question/pattern$"));
        assertNoAccessibilityViolations(page); // a textarea question
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        Path notAPhoto = Files.createTempFile("civitas", ".png");
        Files.writeString(notAPhoto, "not a photo");
        page.setInputFiles("#photo", notAPhoto);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("must be a JPEG or PNG image");
        assertNoAccessibilityViolations(page);
        Path photo = Files.createTempFile("civitas", ".jpg");
        Files.write(photo, TestPhotos.jpegWithGps());
        page.setInputFiles("#photo", photo);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        assertThat(page).hasURL(Pattern.compile("/contact$"));
        open("/report/noise/photo");
        assertThat(page.locator("img.civitas-photo")).isVisible();
        assertNoAccessibilityViolations(page);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
        String reference = page.locator("[data-reference]").textContent();
        String satisfaction = page.locator("[data-satisfaction-link]").getAttribute("href");

        cases.transition(CaseScope.all(), reference, "acknowledged", Actor.system(), "We have written to the neighbours.", "internal only");
        cases.transition(CaseScope.all(), reference, "in_progress", Actor.system(), null, null);
        cases.transition(CaseScope.all(), reference, "resolved", Actor.system(), "The noise has stopped.", null);
        open("/track/" + reference);
        assertThat(page.locator("[data-public-note]").first()).containsText("We have written to the neighbours.");
        assertThat(page.locator("main")).not().containsText("internal only");
        assertNoAccessibilityViolations(page);
        open(satisfaction);
        assertNoAccessibilityViolations(page);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
        assertThat(page.locator(".govuk-error-summary")).containsText("Select how satisfied you are");
        assertNoAccessibilityViolations(page);
        page.getByLabel("Satisfied", new Page.GetByLabelOptions().setExact(true)).check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
        assertThat(page.locator(".govuk-panel__title")).hasText("Thank you for your answer");
        assertNoAccessibilityViolations(page);
        assertNoConsoleErrorsButBadRequests();
    }
}

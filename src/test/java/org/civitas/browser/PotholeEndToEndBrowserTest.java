package org.civitas.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;

import org.civitas.CivitasTest;
import org.civitas.support.TestPhotos;
import org.junit.jupiter.api.Test;

/**
 * Issue 4's "Done when", in one story across three browsers: a resident who is not signed in
 * reports a pothole with a pin and a photo, a caseworker picks it up and takes it through its
 * lifecycle with public and internal notes, and the resident, tracking by reference, sees the
 * public notes and the outcome but never the internal notes. Every distinct page is scanned with
 * axe-core, and no browser logs a console error (so no content security policy violation).
 * Map tiles are answered by the test, so nothing leaves the machine.
 */
class PotholeEndToEndBrowserTest extends BrowserTest {

    /** A 1×1 PNG standing in for every map tile. */
    private static final byte[] TILE = java.util.Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static final String[] PUBLIC_NOTES = {
            "Thank you, we have your report.", "A crew is booked for Thursday.", "The pothole is filled." };
    private static final String[] INTERNAL_NOTES = {
            "Council road, checked against the map.", "Needs the big patcher.", "Used 2 bags of cold lay." };

    private static void serveTiles(BrowserContext in) {
        in.route(Pattern.compile("^https://tile\\.openstreetmap\\.org/.*"),
                route -> route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("image/png").setBodyBytes(TILE)));
    }

    private static Locator button(Page in, String name) {
        return in.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static void continueOn(Page in) {
        button(in, "Continue").click();
    }

    @Test
    void aResidentReportsAPotholeACaseworkerResolvesItAndTheResidentSeesThePublicNotes() throws Exception {
        // 1. the resident, not signed in, with JavaScript on
        serveTiles(context);
        open("/");
        assertNoAccessibilityViolations(page);
        page.getByLabel("Find a service").fill("pothole");
        page.getByLabel("Find a service").press("Enter");
        assertThat(page.locator("#results")).isVisible();
        assertNoAccessibilityViolations(page);
        page.locator("#results + p + ul a").first().click();

        assertThat(page).hasURL(Pattern.compile("/report/pothole$"));
        assertNoAccessibilityViolations(page);
        button(page, "Start now").click();

        assertThat(page).hasURL(Pattern.compile("/report/pothole/location$"));
        Locator map = page.locator("#map");
        assertThat(map).isVisible();
        assertThat(page.locator(".leaflet-tile-loaded").first()).isAttached(); // the tiles came from the test's own answer
        map.click(new Locator.ClickOptions().setPosition(320, 180));
        assertThat(page.locator(".leaflet-marker-icon")).isVisible();
        assertThat(page.locator("#lat")).hasValue(Pattern.compile("^-?\\d+\\.\\d{6}$"));
        assertThat(page.locator("#lon")).hasValue(Pattern.compile("^-?\\d+\\.\\d{6}$"));
        assertThat(page.locator("[data-map-status]")).containsText("Pin dropped at");
        String latitude = page.locator("#lat").inputValue();
        String longitude = page.locator("#lon").inputValue();
        page.getByLabel("Where is it?").fill("Outside 12 High Street, by the bus stop");
        assertNoAccessibilityViolations(page);
        continueOn(page);

        assertThat(page).hasURL(Pattern.compile("/question/size$"));
        assertNoAccessibilityViolations(page);
        page.getByLabel("Larger than a dinner plate").check();
        continueOn(page);
        assertThat(page).hasURL(Pattern.compile("/question/depth$"));
        assertNoAccessibilityViolations(page);
        page.getByLabel("About how deep is it, in centimetres?").fill("12");
        continueOn(page);
        assertThat(page).hasURL(Pattern.compile("/question/surface$"));
        assertNoAccessibilityViolations(page);
        page.getByLabel("On the road").check();
        continueOn(page);

        assertThat(page).hasURL(Pattern.compile("/description$"));
        assertNoAccessibilityViolations(page);
        page.getByLabel("Tell us more").fill("Deep hole by the bus stop, cyclists swerve round it.");
        continueOn(page);

        assertThat(page).hasURL(Pattern.compile("/photo$"));
        assertNoAccessibilityViolations(page);
        Path photo = Files.createTempFile("pothole", ".jpg");
        Files.write(photo, TestPhotos.jpegWithGps());
        page.setInputFiles("#photo", photo);
        continueOn(page);

        assertThat(page).hasURL(Pattern.compile("/contact$"));
        assertNoAccessibilityViolations(page);
        page.getByLabel("Full name").fill("Rhiannon Resident");
        page.getByLabel("Email address").fill("rhiannon@example.org");
        continueOn(page);

        assertThat(page).hasURL(Pattern.compile("/check$"));
        Locator answers = page.locator(".govuk-summary-list");
        assertThat(answers).containsText("Larger than a dinner plate");
        assertThat(answers).containsText("12");
        assertThat(answers).containsText("Photo added");
        assertThat(answers).containsText("Rhiannon Resident");
        assertNoAccessibilityViolations(page);
        button(page, "Send").click();

        assertThat(page).hasURL(Pattern.compile("/confirmation$"));
        assertThat(page.locator(".govuk-panel__title")).hasText("Request sent");
        String reference = page.locator("[data-reference]").textContent().strip();
        assertThat(reference).matches("[A-Z]+-[A-Z0-9]{4}-[A-Z0-9]{4}");
        assertNoAccessibilityViolations(page);

        // 2. a caseworker, in a browser of their own
        BrowserContext staffContext = newContext(true);
        Page staff = staffContext.newPage();
        watchConsole(staff);
        staff.navigate(url("/sign-in"));
        assertNoAccessibilityViolations(staff);
        staff.getByLabel("Email address").fill("caseworker@riverside.example");
        staff.getByLabel("Password").fill(CivitasTest.DEMO_PASSWORD);
        button(staff, "Sign in").click();
        staff.waitForURL(address -> !address.contains("/sign-in"));

        staff.navigate(url("/staff"));
        Locator queue = staff.locator("table");
        assertThat(queue).containsText(reference);
        assertNoAccessibilityViolations(staff);
        staff.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(reference)).click();

        assertThat(staff).hasTitle(Pattern.compile("^Case " + reference));
        Locator details = staff.locator(".govuk-summary-list").first();
        assertThat(details).containsText("Outside 12 High Street, by the bus stop");
        assertThat(details).containsText(latitude);
        assertThat(details).containsText(longitude);
        Locator picture = staff.locator("#photos img.civitas-photo");
        assertThat(picture).hasCount(1);
        assertThat(picture).isVisible();
        staff.waitForFunction("img => img.complete && img.naturalWidth > 0", picture.elementHandle());
        APIResponse served = staffContext.request().get(url(picture.getAttribute("src")));
        assertThat(served.status()).isEqualTo(200);
        assertThat(new String(served.body(), StandardCharsets.ISO_8859_1)).as("location stripped from the photo")
                .doesNotContain(TestPhotos.GPS_MARK);
        assertNoAccessibilityViolations(staff);

        button(staff, "Assign to me").click();
        assertThat(staff.getByRole(AriaRole.ALERT)).containsText("The case is assigned");
        assertThat(staff.locator(".govuk-summary-list").first()).containsText("Casey Caseworker");
        assertNoAccessibilityViolations(staff); // the page with its notification banner

        String[] statuses = { "Acknowledged", "In progress", "Resolved" };
        for (int i = 0; i < statuses.length; i++) {
            staff.getByLabel(statuses[i], new Page.GetByLabelOptions().setExact(true)).check();
            staff.getByLabel("Public note (optional)").fill(PUBLIC_NOTES[i]);
            staff.getByLabel("Internal note (optional)").fill(INTERNAL_NOTES[i]);
            button(staff, "Change status").click();
            assertThat(staff.getByRole(AriaRole.ALERT)).containsText("The status is changed");
            assertThat(staff.locator(".civitas-timeline")).containsText(PUBLIC_NOTES[i]);
            assertThat(staff.locator(".civitas-timeline")).containsText(INTERNAL_NOTES[i]);
        }
        assertThat(staff.locator(".govuk-tag--blue").first()).hasText("Resolved");
        assertNoAccessibilityViolations(staff);

        staff.navigate(url("/staff"));
        assertThat(staff.locator("table")).containsText(reference);
        staffContext.close();

        // 3. the resident again, from a fresh browser, not signed in
        BrowserContext trackContext = newContext(true);
        Page track = trackContext.newPage();
        watchConsole(track);
        track.navigate(url("/track"));
        assertNoAccessibilityViolations(track);
        track.getByLabel("Track a request").fill(reference);
        button(track, "Find request").click();

        assertThat(track).hasURL(Pattern.compile("/track/" + reference + "$"));
        assertThat(track.locator("[data-status]")).hasText("Fixed");
        Locator publicNotes = track.locator("[data-public-note]");
        assertThat(publicNotes).hasCount(PUBLIC_NOTES.length);
        for (String note : PUBLIC_NOTES) {
            assertThat(publicNotes.filter(new Locator.FilterOptions().setHasText(note))).hasCount(1);
        }
        Locator main = track.locator("main");
        for (String note : INTERNAL_NOTES) {
            assertThat(main).not().containsText(note);
        }
        assertThat(main).not().containsText("Casey Caseworker");
        assertThat(main).not().containsText("Rhiannon Resident");
        assertNoAccessibilityViolations(track);
        trackContext.close();

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

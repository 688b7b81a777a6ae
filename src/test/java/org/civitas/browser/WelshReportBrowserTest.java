package org.civitas.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import org.civitas.CivitasTest;
import org.junit.jupiter.api.Test;

/**
 * Issue 20's "Done when": a resident reports a pothole entirely in Welsh, with the keyboard alone and
 * JavaScript off, from choosing Cymraeg on the home page to the tracking page; every page is Welsh
 * through and through (no words of the English bundles left: {@link WelshTwin}); the
 * caseworker, reading the case in English, sees that the resident wrote in Welsh.
 */
class WelshReportBrowserTest extends BrowserTest {

    private static final Properties REQUESTS_CY = bundle("requests_cy");

    private Page resident;

    private static Properties bundle(String name) {
        Properties messages = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/messages", name + ".properties"))) {
            messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return messages;
    }

    private static String cy(String key) {
        String value = REQUESTS_CY.getProperty(key);
        assertThat(value).as("Welsh for %s", key).isNotNull();
        return value;
    }

    /** Presses Tab until the element has focus, as a keyboard user would; fails after 60 presses. */
    private void tabTo(Locator target) {
        for (int i = 0; i < 60; i++) {
            resident.keyboard().press("Tab");
            if ((Boolean) target.evaluate("el => el === document.activeElement")) {
                return;
            }
        }
        throw new AssertionError("Tab never reached " + target);
    }

    private Locator button(String label) {
        return resident.locator("main button[type=submit]").filter(new Locator.FilterOptions().setHasText(label)).first();
    }

    /**
     * Welsh through and through. (axe needs JavaScript, which this browser has off: the same pages get
     * their axe scan in Welsh in the journeys with JavaScript on, through {@link WelshTwin}.)
     */
    private void checkWelsh() {
        assertThat(resident.locator("html")).hasAttribute("lang", "cy");
        WelshTwin.assertNoEnglishLeft(resident);
    }

    private void continueByKeyboard() {
        tabTo(button(cy("report.continue")));
        resident.keyboard().press("Enter");
    }

    @Test
    void aResidentReportsAPotholeInWelshWithTheKeyboardAloneAndJavaScriptOff() {
        resident = openWithoutJavaScript();
        resident.navigate(url("/"));
        assertThat(resident.locator("html")).hasAttribute("lang", "en");
        tabTo(resident.locator("header a[hreflang='cy']"));
        resident.keyboard().press("Enter");
        checkWelsh();
        screenshot(resident, "welsh-home");

        tabTo(resident.locator("#q"));
        resident.keyboard().type("twll");
        resident.keyboard().press("Enter");
        assertThat(resident.locator("#results")).isVisible();
        checkWelsh();
        tabTo(resident.locator("#results + p + ul a").first());
        resident.keyboard().press("Enter");

        assertThat(resident).hasURL(Pattern.compile("/report/pothole$"));
        assertThat(resident.locator("h1")).containsText("Twll yn y ffordd");
        checkWelsh();
        tabTo(resident.locator("main a.govuk-button--start").filter(new Locator.FilterOptions().setHasText(cy("report.start.button"))));
        resident.keyboard().press("Enter");

        assertThat(resident).hasURL(Pattern.compile("/report/pothole/location$"));
        assertThat(resident.locator("[data-map]")).isHidden(); // no JavaScript: the address box alone
        checkWelsh();
        continueByKeyboard(); // nothing given: the error comes back in Welsh
        assertThat(resident.locator(".govuk-error-summary")).isVisible();
        assertThat(resident).hasTitle(Pattern.compile("^Gwall: "));
        checkWelsh();
        tabTo(resident.locator("#address"));
        resident.keyboard().type("Tu allan i 12 Stryd Fawr, wrth yr arhosfan bws");
        continueByKeyboard();

        assertThat(resident).hasURL(Pattern.compile("/question/size$"));
        checkWelsh();
        tabTo(resident.locator("input[name=answer]").first());
        resident.keyboard().press("ArrowDown"); // radios: arrows move the choice
        resident.keyboard().press("ArrowDown");
        assertThat(resident.locator("input[name=answer][value=large]")).isChecked();
        continueByKeyboard();

        assertThat(resident).hasURL(Pattern.compile("/question/depth$"));
        checkWelsh();
        tabTo(resident.locator("#answer"));
        resident.keyboard().type("tua deg");
        resident.keyboard().press("Enter");
        assertThat(resident.locator(".govuk-error-summary")).isVisible(); // not a number, said in Welsh
        checkWelsh();
        tabTo(resident.locator("#answer"));
        resident.keyboard().press("Control+A");
        resident.keyboard().type("10");
        resident.keyboard().press("Enter");

        assertThat(resident).hasURL(Pattern.compile("/question/surface$"));
        checkWelsh();
        tabTo(resident.locator("input[name=answer][value=road]"));
        resident.keyboard().press("Space");
        continueByKeyboard();

        assertThat(resident).hasURL(Pattern.compile("/description$"));
        checkWelsh();
        tabTo(resident.locator("#description"));
        resident.keyboard().type("Twll dwfn, mae beicwyr yn gwyro o’i gwmpas.");
        continueByKeyboard();

        assertThat(resident).hasURL(Pattern.compile("/photo$"));
        checkWelsh();
        continueByKeyboard(); // no photo: it is optional

        assertThat(resident).hasURL(Pattern.compile("/contact$"));
        checkWelsh();
        tabTo(resident.locator("#name"));
        resident.keyboard().type("Gwenllian Preswylydd");
        continueByKeyboard();

        assertThat(resident).hasURL(Pattern.compile("/check$"));
        assertThat(resident.locator(".govuk-summary-list")).containsText("Gwenllian Preswylydd");
        checkWelsh();
        screenshot(resident, "welsh-check-answers");
        tabTo(button(cy("report.check.send")));
        resident.keyboard().press("Enter");

        assertThat(resident).hasURL(Pattern.compile("/confirmation$"));
        assertThat(resident.locator(".govuk-panel__title")).hasText(cy("report.confirmation.title"));
        String reference = resident.locator("[data-reference]").textContent().strip();
        assertThat(reference).matches("[A-Z]+-[A-Z0-9]{4}-[A-Z0-9]{4}");
        checkWelsh();

        tabTo(resident.getByText(cy("report.confirmation.track"), new Page.GetByTextOptions().setExact(true)));
        resident.keyboard().press("Enter");
        assertThat(resident).hasURL(Pattern.compile("/track/" + reference + "$"));
        assertThat(resident.locator("[data-status]")).not().isEmpty();
        checkWelsh();
        screenshot(resident, "welsh-tracking");

        // the caseworker reads the case in English and sees the resident wrote in Welsh
        Page staff = newContext(true).newPage();
        staff.navigate(url("/sign-in"));
        staff.locator("#email").fill("caseworker@riverside.example");
        staff.locator("#password").fill(CivitasTest.DEMO_PASSWORD);
        staff.locator("main button[type=submit]").first().click();
        staff.waitForURL(address -> !address.contains("/sign-in"));
        staff.navigate(url("/staff/cases/" + reference));
        assertThat(staff.locator("html")).hasAttribute("lang", "en");
        assertThat(staff.locator("#case-language")).hasText("Welsh / Cymraeg");
        staff.context().close();
        resident.context().close();
    }
}

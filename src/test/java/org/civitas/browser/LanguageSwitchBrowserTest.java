package org.civitas.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import org.civitas.CivitasTest;
import org.civitas.requests.cases.CaseScope;
import org.civitas.requests.cases.Cases;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The language switch in a real browser (issue 20): "Cymraeg" in the header of every page, reached
 * by keyboard, keeping the person on the same page with what they answered; {@code lang} attributes
 * right; a report made in Welsh without JavaScript is recorded as Welsh for the caseworker.
 */
class LanguageSwitchBrowserTest extends BrowserTest {

    @Autowired
    Cases cases;

    private static final String ADDRESS = "Tu allan i 12 Stryd Fawr";
    private static final String DESCRIPTION = "Twll dwfn yn y ffordd wrth yr arhosfan bws.";

    @Test
    void theSwitchIsReachedByKeyboardAndSetsTheLanguageOfThePage() {
        open("/accessibility");
        assertThat(page.locator("html")).hasAttribute("lang", "en");
        Locator cymraeg = page.locator("header a[hreflang='cy']");
        assertThat(cymraeg).hasText("Cymraeg");
        assertThat(cymraeg).hasAttribute("lang", "cy");
        assertNoAccessibilityViolations(page);

        for (int i = 0; i < 10 && !(Boolean) cymraeg.evaluate("el => el === document.activeElement"); i++) {
            page.keyboard().press("Tab");
        }
        assertThat(cymraeg).isFocused();
        page.keyboard().press("Enter");

        assertThat(page).hasURL(Pattern.compile("/accessibility\\?lang=cy$"));
        assertThat(page.locator("html")).hasAttribute("lang", "cy");
        Locator english = page.locator("header a[hreflang='en']");
        assertThat(english).hasText("English");
        assertThat(english).hasAttribute("lang", "en");
        assertNoAccessibilityViolations(page);

        open("/privacy"); // remembered in the cookie
        assertThat(page.locator("html")).hasAttribute("lang", "cy");
        assertNoConsoleErrors();
    }

    @Test
    void switchingToCymraegMidJourneyKeepsTheAnswersAndTheRequestIsRecordedAsWelsh() {
        Page noScript = openWithoutJavaScript();
        noScript.navigate(url("/report/pothole/location"));
        noScript.locator("#address").fill(ADDRESS);
        noScript.locator("form button[type=submit]").first().click();
        assertThat(noScript).hasURL(Pattern.compile("/question/size$"));

        // back on the location page, switch: the same page, in Welsh, with the answer kept
        noScript.navigate(url("/report/pothole/location"));
        switchTo(noScript, "cy");
        assertThat(noScript).hasURL(Pattern.compile("/report/pothole/location\\?lang=cy$"));
        assertThat(noScript.locator("#address")).hasValue(ADDRESS);

        noScript.locator("form button[type=submit]").first().click();
        noScript.locator("input[name=answer][value=large]").check();
        noScript.locator("form button[type=submit]").first().click();
        noScript.locator("#answer").fill("7");
        noScript.locator("form button[type=submit]").first().click();
        noScript.locator("input[name=answer][value=road]").check();
        noScript.locator("form button[type=submit]").first().click();
        assertThat(noScript).hasURL(Pattern.compile("/description$"));
        assertThat(noScript.locator("html")).hasAttribute("lang", "cy");
        noScript.locator("#description").fill(DESCRIPTION);
        noScript.locator("form button[type=submit]").first().click();

        // on the photo page, back to English and to the description: kept; then Welsh again
        switchTo(noScript, "en");
        noScript.navigate(url("/report/pothole/description"));
        assertThat(noScript.locator("html")).hasAttribute("lang", "en");
        assertThat(noScript.locator("#description")).hasValue(DESCRIPTION);
        switchTo(noScript, "cy");
        assertThat(noScript.locator("#description")).hasValue(DESCRIPTION);
        noScript.locator("form button[type=submit]").first().click();
        noScript.locator("form button[type=submit]").first().click(); // no photo: it is optional

        assertThat(noScript).hasURL(Pattern.compile("/contact$"));
        noScript.locator("#name").fill("Gwen Example");
        noScript.locator("#email").fill("gwen.cymraeg@example.org");
        noScript.locator("form button[type=submit]").first().click();
        switchTo(noScript, "en");
        noScript.navigate(url("/report/pothole/contact"));
        assertThat(noScript.locator("#name")).hasValue("Gwen Example");
        switchTo(noScript, "cy");
        assertThat(noScript.locator("#email")).hasValue("gwen.cymraeg@example.org");
        noScript.locator("form button[type=submit]").first().click();

        assertThat(noScript).hasURL(Pattern.compile("/check$"));
        switchTo(noScript, "en");
        assertThat(noScript.locator("main")).containsText(ADDRESS);
        switchTo(noScript, "cy");
        assertThat(noScript).hasURL(Pattern.compile("/check\\?lang=cy$"));
        assertThat(noScript.locator("html")).hasAttribute("lang", "cy");
        assertThat(noScript.locator("main")).containsText(ADDRESS);
        assertThat(noScript.locator("main")).containsText(DESCRIPTION);
        assertThat(noScript.locator("main")).containsText("gwen.cymraeg@example.org");
        noScript.locator("form button[type=submit]").first().click();

        Locator reference = noScript.locator("[data-reference]");
        assertThat(reference).isVisible();
        assertThat(noScript.locator("html")).hasAttribute("lang", "cy");
        String ref = reference.textContent().trim();
        assertThat(cases.find(CaseScope.all(), ref).language()).isEqualTo("cy");

        WebSession caseworker = new WebSession(port);
        caseworker.signIn("caseworker@riverside.example", CivitasTest.DEMO_PASSWORD);
        String casePage = caseworker.get("/staff/cases/" + ref).body();
        assertThat(casePage).contains("<dd class=\"govuk-summary-list__value\" id=\"case-language\">Welsh / Cymraeg</dd>");
        noScript.context().close();
    }

    /** Follows the header's switch link to {@code code}, as a person clicks it. */
    private static void switchTo(Page in, String code) {
        in.locator("header a[hreflang='" + code + "']").click();
        in.waitForLoadState();
        assertThat(in.locator("html")).hasAttribute("lang", code);
    }
}

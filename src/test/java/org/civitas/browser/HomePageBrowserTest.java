package org.civitas.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;

import org.junit.jupiter.api.Test;

/** The start page, as a resident's browser sees it. */
class HomePageBrowserTest extends BrowserTest {

    @Test
    void startPageIsAccessibleAndRunsUnderTheContentSecurityPolicy() {
        Response response = open("/");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.allHeaders()).containsKey("content-security-policy");
        assertThat(page).hasTitle("Online services – Riverside Borough Council");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Online services");
        assertThat(page.locator("body")).hasClass(java.util.regex.Pattern.compile("\\bjs-enabled\\b"));
        assertThat(page.locator("body")).hasClass(java.util.regex.Pattern.compile("\\bgovuk-frontend-supported\\b"));

        assertNoAccessibilityViolations(page);
        assertNoConsoleErrors();

        Path shot = screenshot(page, "home");
        assertThat(shot).exists();
        assertThat(shot.toFile().length()).isGreaterThan(10_000);
    }

    @Test
    void startPageWorksWithoutJavaScript() {
        Page noScript = openWithoutJavaScript();
        Response response = noScript.navigate(url("/"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(noScript.locator("body")).not().hasClass(java.util.regex.Pattern.compile("js-enabled"));
        assertThat(noScript.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).isVisible();
        assertThat(noScript.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Your account"))).isVisible();
        noScript.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Accessibility statement")).click();
        assertThat(noScript).hasTitle("Accessibility statement – Riverside Borough Council");
        assertNoConsoleErrors();
        noScript.context().close();
    }

    @Test
    void skipLinkIsTheFirstThingAKeyboardReaches() {
        open("/");
        page.keyboard().press("Tab");

        assertThat(page.locator(":focus")).hasText("Skip to main content");
        page.keyboard().press("Enter");
        assertThat(page).hasURL(java.util.regex.Pattern.compile("#main-content$"));
    }

    @Test
    void firstLoadFetchesNoFontAndWeighsUnder200Kilobytes() {
        List<Response> responses = new ArrayList<>();
        page.onResponse(responses::add);

        open("/");
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        List<Response> loaded = List.copyOf(responses);

        assertThat(loaded).extracting(Response::url).anySatisfy(url -> assertThat(url).contains("/assets/govuk/govuk-frontend.min-"));
        assertThat(loaded).extracting(Response::url).noneMatch(url -> url.contains("/fonts/") || url.contains(".woff"));
        assertThat(loaded).allSatisfy(each -> assertThat(each.status()).as(each.url()).isLessThan(400));
        long bytes = loaded.stream().mapToLong(each -> each.body().length).sum();
        long transferred = loaded.stream().mapToLong(each -> each.request().sizes().responseBodySize).sum();
        assertThat(bytes).as("bytes of the start page and everything it loads").isLessThan(200 * 1024);
        assertThat(transferred).as("bytes sent, with style sheet and scripts compressed").isLessThan(60 * 1024);
    }

    @Test
    void signedInNavigationIsAccessible() {
        open("/test-only/signed-in?staff=true");

        assertThat(page.getByText("Signed in as Ann Example")).isVisible();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Your account"))).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))).isVisible();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in").setExact(true))).hasCount(0);
        assertNoAccessibilityViolations(page);
        assertNoConsoleErrors();
    }

    @Test
    void theReadmesPicturesAreCommittedAndScreenshotsArePngs() throws Exception {
        // the README shows committed pictures (refreshed with -Dcivitas.screenshots=docs/screenshots); none may be missing
        java.util.regex.Matcher images = java.util.regex.Pattern.compile("\\]\\((docs/screenshots/[^)]+\\.png)\\)")
                .matcher(Files.readString(Path.of("README.md")));
        List<String> shown = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        while (images.find()) {
            Path picture = Path.of(images.group(1));
            shown.add(images.group(1));
            if (!Files.isRegularFile(picture) || Files.size(picture) < 10_000) {
                missing.add(images.group(1));
            }
        }
        assertThat(shown).hasSizeGreaterThanOrEqualTo(6);
        assertThat(missing).isEmpty();

        open("/privacy");
        Path shot = screenshot(page, "privacy");
        assertThat(shot).isEqualTo(SCREENSHOTS.resolve("privacy.png"));
        assertThat(Files.readAllBytes(shot)).startsWith(0x89, 'P', 'N', 'G');
        Files.delete(shot);
    }
}

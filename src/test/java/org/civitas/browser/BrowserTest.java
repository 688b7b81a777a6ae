package org.civitas.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;

import org.civitas.CivitasTest;
import org.civitas.platform.web.WebTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Base for tests that drive a real browser through the running application: Debian's Chromium
 * ({@value #CHROMIUM}), headless, through Playwright for Java (the driver comes from the
 * {@code driver-bundle} jar; no browser is downloaded: {@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1}).
 * <p>
 * Each test gets a fresh browser context with JavaScript on ({@link #page}); {@link #openWithoutJavaScript()}
 * gives one with it off. Console errors and uncaught page errors are collected, so a test can
 * {@link #assertNoConsoleErrors()} (a violation of the content security policy shows up there).
 * Every document is served under the server's own content security policy, so a page that breaks
 * it shows console errors. Helpers scan for WCAG 2.2 AA violations with axe-core (a page got by GET
 * in English and again in Welsh, which must have no English left: {@link WelshTwin}) and write
 * screenshots to {@link #SCREENSHOTS}.
 */
@CivitasTest
@Import(WebTestSupport.class)
public abstract class BrowserTest {

    public static final String CHROMIUM = "/usr/bin/chromium";

    /** The axe-core rule tags for WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
    public static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    /**
     * {@code target/screenshots} unless {@code -Dcivitas.screenshots=docs/screenshots} asks to refresh the
     * README's pictures: every run's pages differ (references, times), so writing them into docs on every
     * run left the working tree changed after each test run.
     */
    /**
     * How the document each page shows was asked for: only one got by GET is opened again in Welsh
     * (asking again for the answer to a POST would send the form twice).
     */
    private static final Map<Page, String> DOCUMENT_METHODS = new java.util.concurrent.ConcurrentHashMap<>();

    public static final Path SCREENSHOTS = Path.of(System.getProperty("civitas.screenshots", "target/screenshots"));

    private static Playwright playwright;
    private static Browser browser;

    @LocalServerPort
    protected int port;

    protected BrowserContext context;
    protected Page page;
    protected final List<String> consoleErrors = new CopyOnWriteArrayList<>();
    /** The HTTP status of the document each page shows now (its last main-frame navigation). */
    private final Map<Page, Integer> documentStatuses = new java.util.concurrent.ConcurrentHashMap<>();
    /** Forms the server sent back as 400 Bad Request with their errors (the GOV.UK pattern): documents, by address. */
    private final java.util.Set<String> refusedForms = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void launchBrowser() {
        // this machine is shared and has two cores: give pages time rather than fail on a busy moment
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(CHROMIUM))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync")));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void openContext() {
        consoleErrors.clear();
        refusedForms.clear();
        context = newContext(true);
        page = newPage(context);
    }

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    /** The absolute address of a path on the running application. */
    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Opens a path in {@link #page} and returns the document's response. */
    protected Response open(String path) {
        return page.navigate(url(path));
    }

    /** A page in a new context with JavaScript turned off, as some people browse. */
    protected Page openWithoutJavaScript() {
        BrowserContext noScript = newContext(false);
        return newPage(noScript);
    }

    protected BrowserContext newContext(boolean javaScript) {
        BrowserContext created = browser.newContext(new Browser.NewContextOptions()
                .setJavaScriptEnabled(javaScript)
                .setViewportSize(1280, 800)
                .setLocale("en-GB"));
        created.onResponse(response -> {
            if (response.request().isNavigationRequest() && response.frame() == response.frame().page().mainFrame()) {
                DOCUMENT_METHODS.put(response.frame().page(), response.request().method());
            }
        });
        created.onPage(opened -> opened.onClose(DOCUMENT_METHODS::remove));
        return created;
    }

    private Page newPage(BrowserContext in) {
        Page opened = in.newPage();
        opened.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                consoleErrors.add(message.text() + " at " + message.location());
            }
        });
        opened.onPageError(error -> consoleErrors.add("uncaught: " + error));
        opened.onResponse(response -> {
            if (response.request().isNavigationRequest() && response.frame() == opened.mainFrame()) {
                documentStatuses.put(opened, response.status());
                if (response.status() == 400 && "POST".equals(response.request().method())) {
                    refusedForms.add(response.url());
                }
            }
        });
        return opened;
    }

    /** The HTTP status the server answered the document now shown in {@code in} with (a page made by this class). */
    protected Integer documentStatus(Page in) {
        return documentStatuses.get(in);
    }

    /**
     * Asserts that axe-core finds no WCAG 2.2 AA violation on the page once its scripts have finished:
     * scanned earlier, axe measures a page that people never see (the map before its tiles and its
     * attribution are drawn, an unstyled page while the style sheets load).
     */
    protected static void assertNoAccessibilityViolations(Page page) {
        assertNoAccessibilityViolationsInItsLanguage(page);
        if ("GET".equals(DOCUMENT_METHODS.get(page))) {
            WelshTwin.check(page, BrowserTest::assertNoAccessibilityViolationsInItsLanguage);
        }
    }

    /**
     * As {@link #assertNoAccessibilityViolations}, without opening the page in Welsh too: for a page
     * that cannot be asked for twice (one shown once, such as new recovery codes) or is Welsh already.
     */
    protected static void assertNoAccessibilityViolationsInItsLanguage(Page page) {
        waitForScripts(page);
        AxeResults results = new AxeBuilder(page).withTags(WCAG_22_AA).analyze();
        assertThat(results.isErrored()).as("axe-core ran: %s", results.getErrorMessage()).isFalse();
        assertThat(results.getViolations()).as("WCAG 2.2 AA violations on %s:%n%s", page.url(),
                describe(results.getViolations())).isEmpty();
    }

    /**
     * Waits until the page is as its scripts leave it: loaded, the network quiet, and a report map
     * (when the page has one and its script runs) drawn with its tiles and attribution.
     */
    protected static void waitForScripts(Page page) {
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.LOAD);
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        // the map's script runs on load; with scripts off (or no map on the page) there is nothing to wait for
        if (Boolean.TRUE.equals(page.evaluate("() => document.querySelector('[data-map]') !== null && window.L !== undefined"))) {
            page.waitForFunction("""
                    () => {
                      const box = document.querySelector('[data-map]')
                      return !box.hidden && box.querySelector('.leaflet-control-attribution a') !== null
                          && box.querySelector('.leaflet-tile-loaded') !== null
                    }""");
        }
    }

    /**
     * No console errors, but for the one Chromium logs for a form the server sent back as 400 with its
     * errors, on purpose (the GOV.UK pattern; the tests check those pages themselves). Chromium logs that
     * line when it likes, sometimes after the click has returned, so tests cannot take it away themselves
     * without a race; it is set aside here only for a POSTed document that did come back as 400.
     */
    protected void assertNoConsoleErrors() {
        assertThat(consoleErrors).as("console errors")
                .filteredOn(error -> !(error.startsWith("Failed to load resource: the server responded with a status of 400")
                        && refusedForms.stream().anyMatch(error::contains)))
                .isEmpty();
    }

    /**
     * As {@link #assertNoConsoleErrors()}, for an error page: the browser reports the page's own
     * error status in the console, and that one is expected.
     */
    protected void assertNoConsoleErrorsButTheErrorStatusOf(Page errorPage) {
        assertThat(consoleErrors).as("console errors")
                .filteredOn(error -> !(error.startsWith("Failed to load resource: the server responded with a status of")
                        && error.contains(errorPage.url())))
                .isEmpty();
    }

    /** Writes a full-page PNG to {@code <SCREENSHOTS>/<name>.png} and returns its path. */
    protected static Path screenshot(Page page, String name) {
        Path file = SCREENSHOTS.resolve(name + ".png");
        try {
            Files.createDirectories(SCREENSHOTS);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    private static String describe(List<Rule> violations) {
        return violations.stream()
                .map(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + "\n    "
                        + rule.getNodes().stream().map(node -> String.valueOf(node.getHtml()))
                                .collect(Collectors.joining("\n    ")))
                .collect(Collectors.joining("\n"));
    }
}

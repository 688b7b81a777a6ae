package org.civitas.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The notices and the error page meet WCAG 2.2 AA under the content security policy. */
class PublicPagesBrowserTest extends BrowserTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /?signed-out            | Online services
            /accessibility          | Accessibility statement for Riverside Borough Council online services
            /privacy                | Privacy notice
            /test-only/no-such-page | Page not found
            /test-only/status/413   | The information you sent is too large
            /test-only/status/500   | Sorry, there is a problem with the service
            """)
    void pageIsAccessible(String path, String heading) {
        open(path);

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText(heading);
        assertNoAccessibilityViolations(page);
        assertNoConsoleErrorsButTheErrorStatusOf(page);
    }
}

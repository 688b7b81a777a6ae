package org.civitas.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.civitas.CivitasTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

@CivitasTest
@Import(WebTestSupport.class)
class PublicPagesTest {

    @LocalServerPort
    int port;

    WebClient web;

    @BeforeEach
    void client() {
        web = new WebClient(port);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /              | Online services – Riverside Borough Council              | Online services
            /accessibility | Accessibility statement – Riverside Borough Council      | Accessibility statement for Riverside Borough Council online services
            /privacy       | Privacy notice – Riverside Borough Council               | Privacy notice
            """)
    void publicPagesAreOpenToEveryoneAndCarryTheBodysName(String path, String title, String heading) {
        HttpResponse<String> response = web.get(path, "Accept", "text/html");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html").containsIgnoringCase("charset=utf-8"));
        String html = response.body();
        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<html lang=\"en\" class=\"govuk-template\">")
                .contains("<title>" + title + "</title>")
                .contains(heading)
                .contains("<a href=\"#main-content\" class=\"govuk-skip-link\"")
                .contains("<main class=\"govuk-main-wrapper\" id=\"main-content\">")
                .contains("<span class=\"civitas-header__body-name\">Riverside Borough Council</span>")
                .contains("href=\"/accessibility\"", "href=\"/privacy\"", "href=\"/feedback?from=" + path + "\"");
    }

    @Test
    void signedOutNavigationOffersSignInAndRegister() {
        String html = web.get("/").body();

        assertThat(html).contains("href=\"/sign-in\"", "href=\"/register\"")
                .doesNotContain("/sign-out", "Staff console");
    }

    @Test
    void isNotAGovukServiceNoCrownNoGdsTransportNoInlineScriptOrStyle() {
        String html = web.get("/").body();

        assertThat(html).doesNotContain("govuk-logo", "<svg", "GOV.UK", "GDS Transport", "Crown copyright")
                .doesNotContain("<style", "style=\"", "onclick=", "onload=");
        assertThat(html.replaceAll("<script type=\"module\" src=\"[^\"]+\" data-govuk-frontend=\"[^\"]+\"></script>", ""))
                .as("the only script is the external civitas.js module")
                .doesNotContain("<script");
    }

    @Test
    void afterSigningOutTheStartPageSaysSo() {
        assertThat(web.get("/?signed-out").body())
                .contains("govuk-notification-banner--success")
                .contains("<p class=\"govuk-notification-banner__heading\">You have signed out</p>");
        assertThat(web.get("/").body()).doesNotContain("govuk-notification-banner");
    }

    @Test
    void startPageTellsResidentsWhatTheyCanDo() {
        String html = web.get("/").body();

        assertThat(html).contains("Use this website to contact Riverside Borough Council")
                .contains("report a problem in your area")
                .contains("You do not need an account to report a problem.");
    }
}

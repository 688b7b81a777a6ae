package org.civitas.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.civitas.CivitasTest;
import org.civitas.identity.account.Accounts;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How the language of a request is chosen (decision 0021), over real HTTP: {@code ?lang=}, then the
 * {@code civitas_language} cookie, then the signed-in person's saved language, then
 * {@code Accept-Language}, then the body's default; the switch link on every page; the language a
 * request was made in on Open311 and {@code /api/v1}.
 */
@CivitasTest
@Import(WebTestSupport.class)
class LanguageChoiceTest {

    static final String WELSH_PAGE = "<html lang=\"cy\" class=\"govuk-template\">";
    static final String ENGLISH_PAGE = "<html lang=\"en\" class=\"govuk-template\">";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Accounts accounts;

    WebClient web() {
        return new WebClient(port);
    }

    @Test
    void withNothingToGoOnThePageIsInTheBodysDefaultAndOffersCymraeg() {
        HttpResponse<String> page = web().get("/privacy");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(ENGLISH_PAGE)
                .contains("<a class=\"govuk-header__link civitas-language-switch__link\" href=\"/privacy?lang=cy\" lang=\"cy\" hreflang=\"cy\">Cymraeg</a>")
                .contains("<link rel=\"alternate\" hreflang=\"cy\" href=\"/privacy?lang=cy\">")
                .contains("civitas_language");
        assertThat(page.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("civitas_language="));
    }

    @Test
    void acceptLanguageDecidesAFirstVisitInTheOrderOfPreference() {
        assertThat(web().get("/", "Accept-Language", "cy").body()).contains(WELSH_PAGE)
                .contains("href=\"/?lang=en\" lang=\"en\" hreflang=\"en\">English</a>");
        assertThat(web().get("/", "Accept-Language", "fr-FR, cy-GB;q=0.7, en;q=0.5").body()).contains(WELSH_PAGE);
        assertThat(web().get("/", "Accept-Language", "en-GB,en;q=0.9,cy;q=0.8").body()).contains(ENGLISH_PAGE);
        assertThat(web().get("/", "Accept-Language", "de, fr").body()).as("nothing we speak: the default").contains(ENGLISH_PAGE);
    }

    @Test
    void theSwitchLinkChoosesRemembersInACookieAndBeatsEverythingElse() {
        HttpResponse<String> chosen = web().get("/accessibility?lang=cy", "Accept-Language", "en");

        assertThat(chosen.body()).contains(WELSH_PAGE).contains("href=\"/accessibility?lang=en\"");
        String cookie = chosen.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("civitas_language=")).findFirst()
                .orElseThrow();
        assertThat(cookie).startsWith("civitas_language=cy;").contains("Path=/", "Max-Age=31536000", "HttpOnly", "SameSite=Lax")
                .doesNotContain("Secure");
        assertThat(web().get("/", "Cookie", "civitas_language=cy", "Accept-Language", "en").body())
                .as("the cookie beats Accept-Language").contains(WELSH_PAGE);
        assertThat(web().get("/?lang=en", "Cookie", "civitas_language=cy").body()).as("the query beats the cookie").contains(ENGLISH_PAGE);
        assertThat(web().get("/?lang=en", "Cookie", "civitas_language=cy").headers().allValues("Set-Cookie"))
                .anyMatch(c -> c.startsWith("civitas_language=en;"));
    }

    @Test
    void unknownValuesAreIgnoredNeverAnError() {
        for (String query : List.of("lang=fr", "lang=", "lang=%3Cscript%3E", "lang=cy&lang=en", "lang=%E2%82%AC", "lang=CY%20")) {
            HttpResponse<String> page = web().get("/?" + query);
            assertThat(page.statusCode()).as(query).isEqualTo(200);
            assertThat(page.body()).as(query).contains(ENGLISH_PAGE).doesNotContain("<script>");
            assertThat(page.headers().allValues("Set-Cookie")).as(query).noneMatch(c -> c.startsWith("civitas_language="));
        }
        assertThat(web().get("/", "Cookie", "civitas_language=klingon", "Accept-Language", "cy").body()).contains(WELSH_PAGE);
        assertThat(web().get("/", "Accept-Language", "*;q=0.1, x-bogus").statusCode()).isEqualTo(200);
    }

    @Test
    void theSwitchKeepsThePathAndTheOtherQueryParametersEncodedAgain() {
        String html = web().get("/feedback?from=%2Freport%2Fpothole&lang=en&x=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E").body();

        assertThat(html).contains("href=\"/feedback?from=%2Freport%2Fpothole&amp;x=%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E&amp;lang=cy\"")
                .doesNotContain("<script>alert");
        // a 404 page offers the same path in the other language
        assertThat(web().get("/no-such-page?a=b", "Accept", "text/html").body()).contains("href=\"/no-such-page?a=b&amp;lang=cy\"");
    }

    @Test
    void aSignedInPersonsChoiceIsSavedOnTheirAccountAndFollowsThemToAnotherBrowser() {
        String email = "language-" + UUID.randomUUID() + "@example.org";
        WebSession first = new WebSession(port);
        first.get("/register");
        assertThat(WebSession.location(first.postForm("/register",
                Map.of("name", "Gwen Example", "email", email, "password", "Correct-horse-battery-9")))).startsWith("/account");
        assertThat(first.get("/account").body()).contains(ENGLISH_PAGE).contains("href=\"/account/language\"");

        assertThat(first.get("/account?lang=cy").body()).contains(WELSH_PAGE);
        assertThat(savedLanguage(email)).isEqualTo("cy");

        WebSession second = new WebSession(port);
        second.signIn(email, "Correct-horse-battery-9");
        assertThat(second.get("/account", "Accept-Language", "en").body()).as("the account beats Accept-Language").contains(WELSH_PAGE);
        assertThat(second.get("/account", "Accept-Language", "en", "Cookie", "civitas_language=en").body())
                .as("the cookie beats the account").contains(ENGLISH_PAGE);

        // changed on the account page: saved, and remembered in the cookie at once
        second.get("/account/language");
        HttpResponse<String> refused = second.postForm("/account/language", Map.of("language", "fr"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("govuk-error-summary").contains("href=\"#language\"");
        assertThat(savedLanguage(email)).isEqualTo("cy");
        HttpResponse<String> saved = second.postForm("/account/language", Map.of("language", "en"));
        assertThat(WebSession.location(saved)).isEqualTo("/account");
        assertThat(saved.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("civitas_language=en;"));
        assertThat(savedLanguage(email)).isEqualTo("en");
        assertThat(second.get("/account", "Accept-Language", "cy").body()).contains(ENGLISH_PAGE);
    }

    @Test
    void open311AndTheApiRecordTheLanguageOfAcceptLanguageAndIgnoreTheSwitch() {
        WebSession app = new WebSession(port);
        HttpResponse<String> open311 = app.postRaw("/open311/v2/requests.json?lang=en", "application/x-www-form-urlencoded",
                WebSession.form(Map.of("api_key", CivitasTest.DEMO_API_KEY, "service_code", "pothole", "lat", "51.4613",
                        "long", "-0.3037", "description", "Twll mawr yn y ffordd.", "attribute[size]", "large",
                        "attribute[surface]", "road")), "Accept-Language", "cy", "Cookie", "civitas_language=en");
        assertThat(open311.statusCode()).as(open311.body()).isEqualTo(200);
        assertThat(open311.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("civitas_language="));
        Matcher id = Pattern.compile("\"service_request_id\":\"([^\"]+)\"").matcher(open311.body());
        assertThat(id.find()).isTrue();
        assertThat(requestLanguage(id.group(1))).isEqualTo("cy");

        String entry = """
                {"service":"pothole","channel":"phone","description":"Reported by phone.","addressString":"12 River Street",
                 "answers":{"size":["large"],"surface":["road"]}}""";
        HttpResponse<String> english = app.postRaw("/api/v1/cases", "application/json", entry, "X-Api-Key", CivitasTest.DEMO_API_KEY);
        assertThat(english.statusCode()).as(english.body()).isEqualTo(201);
        assertThat(english.body()).contains("\"language\":\"en\"");
        HttpResponse<String> welsh = app.postRaw("/api/v1/cases", "application/json", entry, "X-Api-Key", CivitasTest.DEMO_API_KEY,
                "Accept-Language", "cy-GB, en;q=0.5");
        assertThat(welsh.body()).contains("\"language\":\"cy\"");
        String location = welsh.headers().firstValue("Location").orElseThrow();
        assertThat(app.get(location, "X-Api-Key", CivitasTest.DEMO_API_KEY).body()).contains("\"language\":\"cy\"");
    }

    private String savedLanguage(String email) {
        UUID id = accounts.byEmail(email).orElseThrow().id();
        return jdbc.sql("select language from identity.account where id = ?").param(id).query(String.class).optional().orElse(null);
    }

    private String requestLanguage(String reference) {
        return jdbc.sql("select language from requests.service_request where reference = ?").param(reference).query(String.class).single();
    }
}

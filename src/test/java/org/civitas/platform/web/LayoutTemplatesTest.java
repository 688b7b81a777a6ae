package org.civitas.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import gg.jte.Content;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

import org.civitas.platform.CivitasProperties;
import org.civitas.platform.SignedInUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.util.unit.DataSize;

/** The layout and form components, rendered from the precompiled templates without a server. */
class LayoutTemplatesTest {

    static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

    MockHttpServletRequest request;
    PageContext page;

    record Person(UUID accountId, String displayName, boolean staff) implements SignedInUser {
    }

    @BeforeEach
    void page() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages/platform");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        CivitasProperties properties = new CivitasProperties(null, "Riverside Borough Council", null, true, null, null,
                null, DataSize.ofMegabytes(1), null, null, null);
        request = new MockHttpServletRequest("GET", "/somewhere");
        page = new PageContext(request, messages, properties, null);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void signedInPeopleSeeTheirNameAndASignOutFormWithTheCsrfToken() {
        signIn(false);
        request.setAttribute(CsrfToken.class.getName(), new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "token-123"));

        String html = layout(Map.of());

        assertThat(html).contains("Signed in as Ann &lt;Example&gt;")
                .contains("<form method=\"post\" action=\"/sign-out\" class=\"civitas-sign-out\">")
                .contains("<input type=\"hidden\" name=\"_csrf\" value=\"token-123\">")
                .contains(">Sign out</button>")
                .doesNotContain("href=\"/sign-in\"", "href=\"/register\"", "Staff console");
        assertThat(page.signedIn()).isTrue();
        assertThat(page.staff()).isFalse();
        assertThat(page.userDisplayName()).isEqualTo("Ann <Example>");
    }

    @Test
    void signedInPeopleSeeTheirAccountAndOnlyAdministratorsSeeAdministration() {
        signIn(true);
        assertThat(layout(Map.of())).contains("<a class=\"govuk-service-navigation__link\" href=\"/account\"")
                .contains("Your account").doesNotContain("Administration");
        assertThat(page.staff()).isTrue();
        assertThat(page.administrator()).isFalse();

        Person person = new Person(UUID.randomUUID(), "Ann <Example>", true);
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(person, null,
                List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_ADMINISTRATOR"))));
        assertThat(layout(Map.of())).contains("href=\"/admin/staff\"").contains("Administration");
        assertThat(page.administrator()).isTrue();
    }

    @Test
    void withoutATokenThereIsNoEmptyHiddenField() {
        signIn(false);

        assertThat(page.csrfToken()).isEmpty();
        assertThat(page.csrfParameterName()).isEmpty();
        assertThat(layout(Map.of())).doesNotContain("type=\"hidden\"");
    }

    @Test
    void titleIsPageThenBodyAndGetsErrorPrefixWhenThereAreProblems() {
        assertThat(layout(Map.of())).contains("<title>My page – Riverside Borough Council</title>");
        assertThat(layout(Map.of("problems", List.of(new FieldProblem("email", "Enter your email address")))))
                .contains("<title>Error: My page – Riverside Borough Council</title>");
        assertThat(layout(Map.of("problems", List.of()))).contains("<title>My page – Riverside Borough Council</title>");
    }

    @Test
    void noticeAndBeforeContentSlotsGoAroundMain() {
        Content notice = output -> output.writeContent("<div id=\"the-notice\"></div>");
        Content back = output -> output.writeContent("<a id=\"the-back-link\"></a>");

        String html = layout(Map.of("notice", notice, "beforeContent", back));

        assertThat(html.indexOf("the-back-link")).isLessThan(html.indexOf("<main"));
        assertThat(html.indexOf("the-notice")).isGreaterThan(html.indexOf("<main")).isLessThan(html.indexOf("<p>Body</p>"));
    }

    @Test
    void errorSummaryLinksEachProblemToItsField() {
        String html = render("layout/errorSummary.jte", Map.of("page", page, "problems", List.of(
                new FieldProblem("email", "Enter your email address"),
                new FieldProblem("postcode", "Enter a real postcode"))));

        assertThat(html).contains("<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\">")
                .contains("<div role=\"alert\">")
                .contains("<h2 class=\"govuk-error-summary__title\">There is a problem</h2>")
                .contains("<li><a href=\"#email\">Enter your email address</a></li>")
                .contains("<li><a href=\"#postcode\">Enter a real postcode</a></li>");
        assertThat(render("layout/errorSummary.jte", Map.of("page", page, "problems", List.of()))).isBlank();
    }

    @Test
    void textInputWithAProblemFollowsTheGovukErrorMessagePattern() {
        Map<String, Object> params = new HashMap<>(Map.of("page", page, "name", "email", "label", "Email address",
                "hint", "We will send a code to this address", "value", "ann@", "type", "email",
                "autocomplete", "email"));
        params.put("problem", new FieldProblem("email", "Enter an email address in the correct format"));

        String html = render("layout/textInput.jte", params);

        assertThat(html).contains("<div class=\"govuk-form-group govuk-form-group--error\">")
                .contains("<label class=\"govuk-label\" for=\"email\">Email address</label>")
                .contains("<div id=\"email-hint\" class=\"govuk-hint\">We will send a code to this address</div>")
                .contains("<p id=\"email-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> Enter an email address in the correct format</p>")
                .contains("<input class=\"govuk-input govuk-input--error\" id=\"email\" name=\"email\" type=\"email\" value=\"ann@\" aria-describedby=\"email-hint email-error\" autocomplete=\"email\" spellcheck=\"false\">");
    }

    @Test
    void plainTextInputHasNoEmptyAttributes() {
        String html = render("layout/textInput.jte", Map.of("page", page, "name", "full-name", "label", "Full name"));

        assertThat(html).contains("<div class=\"govuk-form-group\">")
                .contains("<input class=\"govuk-input\" id=\"full-name\" name=\"full-name\" type=\"text\">")
                .doesNotContain("govuk-error-message", "aria-describedby", "value=", "autocomplete=");
    }

    @Test
    void aTextInputCanBeThePageHeading() {
        String html = render("layout/textInput.jte", Map.of("page", page, "name", "postcode", "label", "What is your postcode?",
                "pageHeading", true, "classes", "govuk-input--width-10", "value", "<script>"));

        assertThat(html).contains("<h1 class=\"govuk-label-wrapper\"><label class=\"govuk-label govuk-label--l\" for=\"postcode\">What is your postcode?</label></h1>")
                .contains("class=\"govuk-input govuk-input--width-10\"")
                .contains("value=\"&lt;script>\"");
    }

    @Test
    void successBannerIsAnnouncedImportantOneIsARegion() {
        Content body = output -> output.writeContent("<p class=\"govuk-body\">More</p>");
        String success = render("layout/notificationBanner.jte", Map.of("page", page, "heading", "You have signed out",
                "success", true, "body", body));
        String important = render("layout/notificationBanner.jte", Map.of("page", page, "heading", "Roadworks on Monday"));

        assertThat(success).contains("govuk-notification-banner govuk-notification-banner--success\" role=\"alert\"")
                .contains(">Success</h2>").contains("You have signed out").contains("<p class=\"govuk-body\">More</p>");
        assertThat(important).contains("class=\"govuk-notification-banner\" role=\"region\"").contains(">Important</h2>");
    }

    @Test
    void fieldProblemsAreFoundByField() {
        List<FieldProblem> problems = List.of(new FieldProblem("a", "one"), new FieldProblem("b", "two"));

        assertThat(FieldProblem.forField(problems, "b")).isEqualTo(problems.get(1));
        assertThat(FieldProblem.forField(problems, "c")).isNull();
        assertThat(FieldProblem.forField(null, "a")).isNull();
    }

    @Test
    void pageContextSpeaksFromTheBundle() {
        assertThat(page.t("page.title", "A", "B")).isEqualTo("A – B");
        assertThat(page.bodyName()).isEqualTo("Riverside Borough Council");
        assertThat(page.currentPath()).isEqualTo("/somewhere");
        assertThat(page.asset("/assets/civitas.css")).isEqualTo("/assets/civitas.css");
    }

    private void signIn(boolean staff) {
        Person person = new Person(UUID.randomUUID(), "Ann <Example>", staff);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(person, null, List.of()));
    }

    @Test
    void withWelshOnEveryPageOffersCymraegAtTheSamePathAndQuery() {
        page = new PageContext(request, messages(), properties(), null, org.civitas.platform.Languages.of("en,cy", "en"));
        request.setQueryString("step=2&lang=en");

        String html = layout(Map.of());

        assertThat(html).contains("<html lang=\"en\" class=\"govuk-template\">")
                .contains("<link rel=\"alternate\" hreflang=\"cy\" href=\"/somewhere?step=2&amp;lang=cy\">")
                .contains("<nav class=\"civitas-language-switch\" aria-label=\"Language\">")
                .contains("href=\"/somewhere?step=2&amp;lang=cy\" lang=\"cy\" hreflang=\"cy\">Cymraeg</a>");
    }

    @Test
    void aWelshPageOffersEnglishAndSaysItIsWelsh() {
        page = new PageContext(request, messages(), properties(), null, org.civitas.platform.Languages.of("en,cy", "en"));
        request.addPreferredLocale(java.util.Locale.forLanguageTag("cy-GB"));

        String html = layout(Map.of());

        assertThat(html).contains("<html lang=\"cy\" class=\"govuk-template\">")
                .contains("href=\"/somewhere?lang=en\" lang=\"en\" hreflang=\"en\">English</a>")
                .contains("aria-label=\"Iaith\"").doesNotContain(">Cymraeg</a>");
    }

    @Test
    void withEnglishAloneThereIsNoSwitch() {
        page = new PageContext(request, messages(), properties(), null, org.civitas.platform.Languages.of("en", "en"));

        assertThat(layout(Map.of())).doesNotContain("Cymraeg", "hreflang", "civitas-language-switch");
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages/platform");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    private static CivitasProperties properties() {
        return new CivitasProperties(null, "Riverside Borough Council", null, true, null, null,
                null, DataSize.ofMegabytes(1), null, null, null);
    }

    private String layout(Map<String, Object> extra) {
        Map<String, Object> params = new HashMap<>(extra);
        params.put("page", page);
        params.put("title", "My page");
        params.put("content", (Content) output -> output.writeContent("<p>Body</p>"));
        return render("layout/page.jte", params);
    }

    private static String render(String template, Map<String, Object> params) {
        StringOutput output = new StringOutput();
        TEMPLATES.render(template, params, output);
        return output.toString();
    }
}

package org.civitas.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;

import jakarta.servlet.http.Cookie;

import org.civitas.CivitasApplication;
import org.civitas.platform.AccountLanguages;
import org.civitas.platform.Languages;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * {@code CIVITAS_LANGUAGES} and {@code CIVITAS_DEFAULT_LANGUAGE}: Welsh switched off, Welsh as the
 * default, and wrong values refused at start-up naming the variable. (The order of the signals on the
 * running application is {@link LanguageChoiceTest}'s; these settings would each need an application of
 * their own, so the resolver is driven directly here.)
 */
class LanguageSettingsTest {

    static final Locale WELSH = Locale.forLanguageTag("cy-GB");

    static LanguageResolver resolver(String languages, String defaultLanguage) {
        return new LanguageResolver(Languages.of(languages, defaultLanguage),
                new StaticListableBeanFactory().getBeanProvider(AccountLanguages.class));
    }

    static MockHttpServletRequest get(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setRequestURI(path);
        return request;
    }

    @Test
    void englishAloneTurnsWelshOffWhereverItIsAskedFor() {
        LanguageResolver english = resolver("en", "en");

        MockHttpServletRequest query = get("/");
        query.setParameter("lang", "cy");
        assertThat(english.resolveLocale(query)).isEqualTo(Locale.UK);
        MockHttpServletRequest cookie = get("/");
        cookie.setCookies(new Cookie(LanguageResolver.COOKIE, "cy"));
        assertThat(english.resolveLocale(cookie)).isEqualTo(Locale.UK);
        MockHttpServletRequest header = get("/api/v1/cases");
        header.addHeader("Accept-Language", "cy");
        header.addPreferredLocale(WELSH);
        assertThat(english.resolveLocale(header)).isEqualTo(Locale.UK);

        // and the same requests with both languages on
        LanguageResolver both = resolver("en,cy", "en");
        MockHttpServletRequest again = get("/");
        again.setParameter("lang", "cy");
        assertThat(both.resolveLocale(again)).isEqualTo(WELSH);
    }

    @Test
    void englishAloneShowsNoSwitch() {
        Languages english = Languages.of("en", "en");
        assertThat(english.choice()).isFalse();
        assertThat(Languages.of(" en , cy ", "en").choice()).isTrue();
    }

    @Test
    void welshAsTheDefaultServesWhoeverSaysNothing() {
        LanguageResolver welshFirst = resolver("en,cy", "cy");

        assertThat(welshFirst.resolveLocale(get("/"))).isEqualTo(WELSH);
        assertThat(welshFirst.resolveLocale(get("/open311/v2/services.json"))).isEqualTo(WELSH);
        MockHttpServletRequest asked = get("/");
        asked.addHeader("Accept-Language", "en-GB");
        asked.addPreferredLocale(Locale.UK);
        assertThat(welshFirst.resolveLocale(asked)).isEqualTo(Locale.UK);
        MockHttpServletRequest unknown = get("/");
        unknown.addHeader("Accept-Language", "fr");
        unknown.addPreferredLocale(Locale.FRANCE);
        assertThat(welshFirst.resolveLocale(unknown)).isEqualTo(WELSH);
    }

    @Test
    void theSwitchAndTheCookieDoNotReachTheApis() {
        LanguageResolver both = resolver("en,cy", "en");
        MockHttpServletRequest api = get("/api/v1/cases");
        api.setParameter("lang", "cy");
        api.setCookies(new Cookie(LanguageResolver.COOKIE, "cy"));
        assertThat(both.resolveLocale(api)).isEqualTo(Locale.UK);
        MockHttpServletRequest post = new MockHttpServletRequest("POST", "/report/pothole/location");
        post.setParameter("lang", "cy");
        assertThat(both.resolveLocale(post)).as("only a GET chooses").isEqualTo(Locale.UK);
    }

    @Test
    void wrongValuesNameTheVariable() {
        assertThatThrownBy(() -> Languages.of("en,fr", "en")).hasMessageContaining("CIVITAS_LANGUAGES").hasMessageContaining("en,fr");
        assertThatThrownBy(() -> Languages.of("", "en")).hasMessageContaining("CIVITAS_LANGUAGES");
        assertThatThrownBy(() -> Languages.of("en,cy", "welsh")).hasMessageContaining("CIVITAS_DEFAULT_LANGUAGE");
        assertThatThrownBy(() -> Languages.of("en", "cy")).hasMessageContaining("CIVITAS_DEFAULT_LANGUAGE")
                .hasMessageContaining("CIVITAS_LANGUAGES");
    }

    @Test
    void aWrongValueStopsStartUpBeforeAnythingStarts() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(CivitasApplication.class)
                .run("--CIVITAS_LANGUAGES=en,de", "--CIVITAS_DATA_DIR=target/never-created"))
                .hasStackTraceContaining("CIVITAS_LANGUAGES must be a comma-separated list of en and cy");
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("target/never-created"))).isFalse();
    }
}

package org.civitas.platform.web;

import org.civitas.platform.AccountLanguages;
import org.civitas.platform.Languages;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The languages this Civitas speaks and how a request's language is chosen (decision 0021). */
@Configuration(proxyBeanMethods = false)
class LanguageConfiguration {

    /** Checked at start-up: a wrong {@code CIVITAS_LANGUAGES} or {@code CIVITAS_DEFAULT_LANGUAGE} stops it, naming the variable. */
    @Bean
    Languages languages(@Value("${civitas.languages:en,cy}") String languages,
                        @Value("${civitas.default-language:en}") String defaultLanguage) {
        return Languages.of(languages, defaultLanguage);
    }

    /** Named {@code localeResolver}, so the DispatcherServlet uses it instead of Spring Boot's fixed one. */
    @Bean(name = "localeResolver")
    LanguageResolver localeResolver(Languages languages, ObjectProvider<AccountLanguages> accounts) {
        return new LanguageResolver(languages, accounts);
    }

    @Bean
    WebMvcConfigurer languageChoice(LanguageResolver resolver, ObjectProvider<AccountLanguages> accounts) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new LanguageChoiceInterceptor(resolver, accounts));
            }
        };
    }
}

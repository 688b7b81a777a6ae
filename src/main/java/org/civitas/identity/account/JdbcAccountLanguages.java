package org.civitas.identity.account;

import java.util.Optional;
import java.util.UUID;

import org.civitas.identity.IdentityEvents;
import org.civitas.platform.AccountLanguages;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The language saved on an account ({@code identity.account.language}); a change is an event like any other. */
@Component
class JdbcAccountLanguages implements AccountLanguages {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    JdbcAccountLanguages(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Override
    public Optional<String> of(UUID accountId) {
        return jdbc.sql("select language from identity.account where id = ? and language is not null")
                .param(accountId).query(String.class).optional();
    }

    @Override
    @Transactional
    public void choose(UUID accountId, String language) {
        if (!"en".equals(language) && !"cy".equals(language)) {
            throw new IllegalArgumentException("language must be en or cy");
        }
        int changed = jdbc.sql("update identity.account set language = ? where id = ? and language is distinct from ?")
                .param(language).param(accountId).param(language).update();
        if (changed > 0) {
            events.publishEvent(new IdentityEvents.AccountLanguageChosen(accountId, language));
        }
    }
}

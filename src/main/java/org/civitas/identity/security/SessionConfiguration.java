package org.civitas.identity.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * Sessions live in PostgreSQL (Spring Session JDBC, table {@code identity.spring_session}). Its
 * default SQL inserts a new session attribute with a plain INSERT, so two requests of one session
 * that add the same attribute at once (a double-clicked button in the report journey) collided on
 * the attribute's primary key and one of them failed with a 500. PostgreSQL's statements upsert it.
 */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

    @Bean
    PostgreSqlJdbcIndexedSessionRepositoryCustomizer postgreSqlSessionStatements() {
        return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
    }
}

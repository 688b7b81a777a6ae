package org.civitas.platform.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

import org.civitas.platform.CivitasProperties;
import org.civitas.platform.WritesAtCommit;
import org.civitas.platform.demo.DemoSetting;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.util.StringUtils;

/**
 * One data source: the external PostgreSQL named by {@code CIVITAS_DATABASE_URL}, or else an
 * embedded server started here. Flyway migrates whichever it is.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    @Conditional(NoExternalDatabase.class)
    EmbeddedPostgresServer embeddedPostgresServer(CivitasProperties properties,
                                                  @Value("${civitas.database.embedded-durable:true}") boolean durable) {
        return new EmbeddedPostgresServer(properties.dataDir(), true, durable);
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(CivitasProperties properties, ObjectProvider<EmbeddedPostgresServer> embedded, Environment environment) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("civitas");
        CivitasProperties.Database database = properties.database();
        if (database != null && database.external()) {
            DemoSetting.checkExternalDatabase(environment, properties.demo());
            config.setJdbcUrl(database.url());
            config.setUsername(database.user());
            config.setPassword(database.password());
        } else {
            EmbeddedPostgresServer server = embedded.getObject();
            config.setJdbcUrl(server.jdbcUrl());
            config.setUsername(server.user());
        }
        config.setMaximumPoolSize(database == null || database.poolSize() <= 0 ? 20 : database.poolSize());
        return new HikariDataSource(config);
    }

    /** Replaces Boot's JDBC transaction manager (which backs off), with Boot's customisations applied all the same. */
    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource, ObjectProvider<WritesAtCommit> writers,
                                              ObjectProvider<TransactionManagerCustomizers> customizers) {
        JdbcTransactionManager manager = new CommitWithWritesTransactionManager(dataSource, writers);
        customizers.ifAvailable(each -> each.customize(manager));
        return manager;
    }

    static final class NoExternalDatabase implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("civitas.database.url"));
        }
    }
}

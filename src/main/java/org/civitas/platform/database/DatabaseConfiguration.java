package org.civitas.platform.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

import org.civitas.platform.CivitasProperties;
import org.civitas.platform.WritesAtCommit;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;

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
 * embedded server started here. Flyway migrates whichever it is, as the role that owns the schema
 * ({@code CIVITAS_DATABASE_MIGRATION_USER}, the embedded server's superuser); the application runs
 * as a role that owns nothing and gets only the rights {@link DatabaseRoles} grants it.
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
            config.setPassword(server.password());
        }
        config.setMaximumPoolSize(database == null || database.poolSize() <= 0 ? 20 : database.poolSize());
        // a connection kept longer than this is logged with where it was taken (0 = off); the tests turn it on
        config.setLeakDetectionThreshold(environment.getProperty("civitas.database.leak-detection-threshold", Long.class, 0L));
        return new HikariDataSource(config);
    }

    /** Where Flyway connects: as the owner, the application's role when no other is configured. */
    @Bean
    MigrationRole migrationRole(CivitasProperties properties, ObjectProvider<EmbeddedPostgresServer> embedded,
                                @Value("${civitas.database.migration-user:}") String migrationUser,
                                @Value("${civitas.database.migration-password:}") String migrationPassword) {
        CivitasProperties.Database database = properties.database();
        if (database != null && database.external()) {
            boolean separate = StringUtils.hasText(migrationUser) && !migrationUser.equals(database.user());
            return separate ? new MigrationRole(database.url(), migrationUser, migrationPassword, database.user())
                    : new MigrationRole(database.url(), database.user(), database.password(), null);
        }
        EmbeddedPostgresServer server = embedded.getObject();
        return new MigrationRole(server.jdbcUrl(), server.ownerUser(), server.ownerPassword(), server.user());
    }

    @Bean
    FlywayConfigurationCustomizer migrateAsTheOwner(MigrationRole role) {
        return configuration -> configuration.dataSource(role.url(), role.user(), role.password());
    }

    @Bean
    DatabaseRoles databaseRoles(MigrationRole role) {
        return new DatabaseRoles(role.applicationRole());
    }

    /** Replaces Boot's JDBC transaction manager (which backs off), with Boot's customisations applied all the same. */
    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource, ObjectProvider<WritesAtCommit> writers,
                                              ObjectProvider<TransactionManagerCustomizers> customizers) {
        JdbcTransactionManager manager = new CommitWithWritesTransactionManager(dataSource, writers);
        customizers.ifAvailable(each -> each.customize(manager));
        return manager;
    }

    /**
     * The owner's connection for migrations; {@code applicationRole} the separate role the
     * application runs as, or null when it runs as the owner (an external database with no
     * migration user configured).
     */
    record MigrationRole(String url, String user, String password, String applicationRole) {
        @Override
        public String toString() {
            return "MigrationRole[" + user + " for " + applicationRole + "]"; // never the password
        }
    }

    static final class NoExternalDatabase implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("civitas.database.url"));
        }
    }
}

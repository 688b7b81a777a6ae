package org.civitas.platform.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.civitas.CivitasTest;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With CIVITAS_DATABASE_URL set, Civitas starts no PostgreSQL of its own and migrates the one it is
 * given. The server here is a separate PostgreSQL that the test starts and owns.
 */
class ExternalDatabaseTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path serverDir;

    @Test
    void onADatabaseOfItsOwnTheDemoIsRefusedUnlessAskedForByName() throws Exception {
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(serverDir).setCleanDataDirectory(true).start()) {
            JdbcClient admin = JdbcClient.create(server.getPostgresDatabase());
            admin.sql("create role civitas_app login password 'app-secret'").update();
            admin.sql("create database civitas_real owner civitas_app").update();
            String url = "jdbc:postgresql://localhost:" + server.getPort() + "/civitas_real";
            Map<String, Object> database = Map.of("civitas.database.url", url, "civitas.database.user", "civitas_app",
                    "civitas.database.password", "app-secret");

            assertThatThrownBy(() -> CivitasProcess.start(dataDir, database).close())
                    .as("CIVITAS_DEMO left at its default").hasStackTraceContaining("CIVITAS_DEMO=false for a real install");
            JdbcClient real = JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(url, "civitas_app", "app-secret"));
            assertThat(real.sql("select count(*) from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')")
                    .query(Integer.class).single()).as("refused before anything was written").isZero();

            Map<String, Object> noDemo = new java.util.HashMap<>(database);
            noDemo.put("civitas.demo", "false");
            try (ConfigurableApplicationContext civitas = CivitasProcess.start(dataDir, noDemo)) {
                assertThat(civitas.getBean(JdbcClient.class).sql("select count(*) from identity.account").query(Integer.class).single())
                        .as("a real install: no demo accounts").isZero();
                assertThat(new WebSession(CivitasProcess.port(civitas)).get("/").body()).doesNotContain("civitas-demo-banner");
            }
        }
    }

    @Test
    void civitasUsesAndMigratesTheConfiguredServer() throws Exception {
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(serverDir).setCleanDataDirectory(true).start()) {
            JdbcClient admin = JdbcClient.create(server.getPostgresDatabase());
            admin.sql("create role civitas_app login password 'app-secret'").update();
            admin.sql("create database civitas_prod owner civitas_app").update();
            String url = "jdbc:postgresql://localhost:" + server.getPort() + "/civitas_prod";

            try (ConfigurableApplicationContext civitas = CivitasProcess.start(dataDir, Map.of(
                    "civitas.demo", "true", // on an external database only when asked for by name
                    "civitas.database.url", url,
                    "civitas.database.user", "civitas_app",
                    "civitas.database.password", "app-secret"))) {
                assertThat(civitas.getBeanProvider(EmbeddedPostgresServer.class).getIfAvailable()).isNull();
                assertThat(Files.exists(dataDir.resolve("postgres"))).as("no embedded server was started").isFalse();

                WebSession citizen = new WebSession(CivitasProcess.port(civitas));
                assertThat(WebSession.location(citizen.signIn("citizen@riverside.example", CivitasTest.DEMO_PASSWORD))).isEqualTo("/");
            }

            JdbcClient prod = JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(url, "civitas_app", "app-secret"));
            assertThat(prod.sql("select count(*) from flyway_schema_history where success").query(Integer.class).single()).isGreaterThanOrEqualTo(3);
            assertThat(prod.sql("select count(*) from identity.account").query(Integer.class).single()).isEqualTo(4);
            assertThat(prod.sql("select string_agg(schema_name, ',' order by schema_name) from information_schema.schemata where schema_name in ('platform','identity','catalogue')")
                    .query(String.class).single()).isEqualTo("catalogue,identity,platform");
        }
    }

    @Test
    void withAMigrationUserCivitasRunsAsARoleThatOwnsNothing() throws Exception {
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(serverDir).setCleanDataDirectory(true).start()) {
            JdbcClient admin = JdbcClient.create(server.getPostgresDatabase());
            admin.sql("create role civitas_owner login password 'owner-secret'").update();
            admin.sql("create role civitas_app login password 'app-secret'").update();
            admin.sql("create database civitas_prod owner civitas_owner").update();
            String url = "jdbc:postgresql://localhost:" + server.getPort() + "/civitas_prod";

            try (ConfigurableApplicationContext civitas = CivitasProcess.start(dataDir, Map.of(
                    "civitas.demo", "true", // the demo's citizen signs in below
                    "civitas.database.url", url,
                    "civitas.database.user", "civitas_app",
                    "civitas.database.password", "app-secret",
                    "civitas.database.migration-user", "civitas_owner",
                    "civitas.database.migration-password", "owner-secret"))) {
                JdbcClient jdbc = civitas.getBean(JdbcClient.class);
                assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("civitas_app");
                assertThatThrownBy(() -> jdbc.sql("delete from trust.audit_log").update()).hasStackTraceContaining("permission denied");
                assertThatThrownBy(() -> jdbc.sql("alter table trust.audit_log disable trigger all").update())
                        .hasStackTraceContaining("must be owner");
                WebSession citizen = new WebSession(CivitasProcess.port(civitas));
                assertThat(WebSession.location(citizen.signIn("citizen@riverside.example", CivitasTest.DEMO_PASSWORD)))
                        .as("sessions, sign-in counters and the audit queue are the application's to write").isEqualTo("/");
            }
            JdbcClient owner = JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(url, "civitas_owner", "owner-secret"));
            assertThat(owner.sql("select count(*) from pg_tables where schemaname in ('trust', 'identity') and tableowner <> 'civitas_owner'")
                    .query(Integer.class).single()).as("the migrations made every table as the owner").isZero();
        }
    }
}

package org.civitas.platform.database;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.civitas.support.DatabaseOwner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded PostgreSQL listens on 127.0.0.1 only and asks every connection for a password
 * (scram-sha-256), kept owner-only in the data directory; a data directory from before, whose
 * pg_hba.conf trusts every local user, is upgraded when it starts.
 */
class EmbeddedPostgresSecurityTest {

    @TempDir
    Path dataDir;

    @Test
    void aConnectionWithoutThePasswordIsRefused() throws Exception {
        try (EmbeddedPostgresServer server = new EmbeddedPostgresServer(dataDir, true, false)) {
            assertRefusedWithoutPassword(server.port());
            assertThat(Files.getPosixFilePermissions(dataDir.resolve("keys/database.properties")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            try (Connection app = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password())) {
                assertThat(single(app, "show listen_addresses")).isEqualTo("127.0.0.1");
                assertThat(single(app, "select current_user")).isEqualTo("civitas_app");
                assertThat(single(app, "select rolsuper::text from pg_roles where rolname = current_user")).isEqualTo("false");
            }
            try (Connection owner = DriverManager.getConnection(server.jdbcUrl(), "postgres", DatabaseOwner.password(dataDir, "postgres"))) {
                assertThat(single(owner, "select rolpassword like 'SCRAM-SHA-256$%' from pg_authid where rolname = 'civitas_app'")).isEqualTo("t");
            }
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "postgres", "not-the-password").close())
                    .hasMessageContaining("password authentication failed");
        }
    }

    @Test
    void aDataDirectoryThatTrustedLocalUsersIsUpgradedOnStart() throws Exception {
        try (EmbeddedPostgresServer first = new EmbeddedPostgresServer(dataDir, true, false)) {
            assertThat(first.port()).isPositive();
        }
        // as a Civitas from before left it: everyone trusted, no password file
        Files.writeString(dataDir.resolve("postgres/pg_hba.conf"), "local all all trust\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n",
                StandardCharsets.UTF_8);
        Files.delete(dataDir.resolve("keys/database.properties"));
        try (EmbeddedPostgresServer upgraded = new EmbeddedPostgresServer(dataDir, true, false)) {
            assertRefusedWithoutPassword(upgraded.port());
            assertThat(Files.readString(dataDir.resolve("postgres/pg_hba.conf"))).startsWith(EmbeddedPostgresServer.HBA_MARKER)
                    .doesNotContain("trust");
            try (Connection app = DriverManager.getConnection(upgraded.jdbcUrl(), upgraded.user(), upgraded.password())) {
                assertThat(single(app, "select 'connected'")).isEqualTo("connected");
            }
        }
    }

    private static void assertRefusedWithoutPassword(int port) {
        for (String role : new String[] {"postgres", "civitas_app"}) {
            assertThatThrownBy(() -> DriverManager.getConnection(EmbeddedPostgresServer.jdbcUrl(port), role, null).close())
                    .as("%s without a password", role).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password");
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }
}

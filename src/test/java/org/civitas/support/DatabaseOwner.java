package org.civitas.support;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A connection to a test's embedded PostgreSQL as the role that owns the schema (its superuser),
 * with the password Civitas generated into the data directory: what an attacker who has the
 * database's own administrator password holds. The application itself runs as a role that owns nothing.
 */
public final class DatabaseOwner {

    private DatabaseOwner() {
    }

    public static Connection connect(DataSource applicationPool, Path dataDir) throws SQLException {
        return DriverManager.getConnection(((HikariDataSource) applicationPool).getJdbcUrl(), "postgres", password(dataDir, "postgres"));
    }

    public static String password(Path dataDir, String role) {
        try {
            Properties passwords = new Properties();
            passwords.load(new StringReader(Files.readString(dataDir.resolve("keys/database.properties"))));
            return passwords.getProperty(role);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

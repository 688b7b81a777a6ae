package org.civitas.trust.vault;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * A running node's claim on the master key: a session-level <em>shared</em> advisory lock on
 * {@link #KEY}, taken at start-up before the vault reads the key (so before any request is served)
 * and held on a connection of its own for the node's whole life. {@code vault rotate-master-key}
 * takes the same key <em>exclusively</em>, so it cannot run while any node runs, and no node starts
 * while it runs. Requests never touch the lock: it costs a normal request nothing (decision 0012).
 * <p>
 * The connection is not the pool's: a pooled connection would be retired, and one taken from the
 * pool for ever would shrink it. It must reach PostgreSQL as a session of its own (a pooler in
 * transaction mode would drop the lock).
 */
@Component
class NodeLock implements DisposableBean {

    /** "VAULT" in ASCII. */
    static final long KEY = 0x5641554c54L;
    /** How the lock's session is named in pg_stat_activity, for operators looking for running nodes. */
    static final String APPLICATION_NAME = "civitas node (vault lock)";

    enum State {
        /** the lock is held on a live connection */
        HELD,
        /** the connection had been lost; a new one holds the lock again */
        RETAKEN,
        /** the connection was lost and the lock is held exclusively: a rotation runs */
        ROTATION_RUNNING,
        /** the connection was lost and the database cannot be reached to take it again; try later */
        UNREACHABLE
    }

    private static final Logger log = LoggerFactory.getLogger(NodeLock.class);

    private final Connector connector;
    private Connection connection;

    NodeLock(DataSource dataSource) {
        this.connector = connector(dataSource);
        try {
            Connection fresh = connector.connect();
            if (!tryShared(fresh)) {
                close(fresh);
                throw new IllegalStateException("A master-key rotation (java -jar civitas.jar vault rotate-master-key) is running "
                        + "on this database. Civitas does not start until it has finished; then start it with the new master key.");
            }
            this.connection = fresh;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the node's lock on the master key: " + e.getMessage(), e);
        }
    }

    /** Whether the lock is still held; after a lost connection, tries to take it again on a new one. */
    synchronized State check() {
        if (connection != null && alive(connection)) {
            return State.HELD;
        }
        close(connection);
        connection = null;
        try {
            Connection fresh = connector.connect();
            if (tryShared(fresh)) {
                connection = fresh;
                log.warn("The connection holding this node's lock on the master key was lost; the lock is held again");
                return State.RETAKEN;
            }
            close(fresh);
            return State.ROTATION_RUNNING;
        } catch (SQLException e) {
            return State.UNREACHABLE;
        }
    }

    static boolean tryShared(Connection connection) throws SQLException {
        return bool(connection, "select pg_try_advisory_lock_shared(?)");
    }

    /** The rotation command's side: true when no node holds the lock (and now none can take it). */
    static boolean tryExclusive(Connection connection) throws SQLException {
        return bool(connection, "select pg_try_advisory_lock(?)");
    }

    /** How many sessions hold the lock shared: the running nodes. */
    static int holders(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select count(*) from pg_locks where locktype = 'advisory' and classid = ? and objid = ? and objsubid = 1
                and mode = 'ShareLock' and granted
                """)) {
            select.setLong(1, KEY >>> 32);
            select.setLong(2, KEY & 0xffffffffL);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static boolean bool(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, KEY);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    private static boolean alive(Connection connection) {
        try {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public synchronized void destroy() {
        close(connection);
        connection = null;
    }

    private static void close(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // closing ends the session, and the session's end releases the lock
        }
    }

    @FunctionalInterface
    private interface Connector {
        Connection connect() throws SQLException;
    }

    private static Connector connector(DataSource dataSource) {
        HikariDataSource hikari = hikari(dataSource);
        if (hikari == null) {
            return dataSource::getConnection;
        }
        return () -> {
            Properties properties = new Properties();
            if (hikari.getUsername() != null) {
                properties.setProperty("user", hikari.getUsername());
            }
            if (hikari.getPassword() != null) {
                properties.setProperty("password", hikari.getPassword());
            }
            properties.setProperty("ApplicationName", APPLICATION_NAME);
            return DriverManager.getConnection(hikari.getJdbcUrl(), properties);
        };
    }

    private static HikariDataSource hikari(DataSource dataSource) {
        try {
            return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
        } catch (SQLException e) {
            return null;
        }
    }
}

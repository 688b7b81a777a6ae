package org.civitas.platform.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/**
 * The database of the configured installation, for a command run beside (or instead of) the
 * server: the external PostgreSQL when {@code CIVITAS_DATABASE_URL} is set; otherwise the embedded
 * one, reached through the running server's postmaster (its port is in {@code postmaster.pid})
 * while a Civitas holds {@code civitas.lock}, or started here when nothing runs. It never creates
 * a database or migrates one.
 */
public final class CommandDatabase implements AutoCloseable {

    private final Connection connection;
    private final EmbeddedPostgresServer startedHere;

    private CommandDatabase(Connection connection, EmbeddedPostgresServer startedHere) {
        this.connection = connection;
        this.startedHere = startedHere;
    }

    public static CommandDatabase open(Path dataDir, String url, String user, String password) throws SQLException {
        if (url != null && !url.isBlank()) {
            return new CommandDatabase(DriverManager.getConnection(url, user, password), null);
        }
        Path pgData = dataDir.resolve("postgres");
        if (!Files.isRegularFile(pgData.resolve("PG_VERSION"))) {
            throw new IllegalStateException("There is no Civitas database in " + dataDir.toAbsolutePath()
                    + ": set CIVITAS_DATA_DIR (or CIVITAS_DATABASE_URL) as for the server.");
        }
        if (serverRunning(dataDir)) {
            int port = postmasterPort(pgData);
            EmbeddedCredentials credentials;
            try {
                credentials = EmbeddedCredentials.load(dataDir);
            } catch (IOException e) {
                throw new IllegalStateException("Could not read the database's passwords in " + EmbeddedCredentials.file(dataDir)
                        + " (run the command as the user the server runs as)", e);
            }
            // as the owner: the operator's commands are the owner's business (the data directory is theirs)
            return new CommandDatabase(DriverManager.getConnection(EmbeddedPostgresServer.jdbcUrl(port),
                    EmbeddedPostgresServer.OWNER, credentials.owner()), null);
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(dataDir, false, true);
        try {
            return new CommandDatabase(DriverManager.getConnection(server.jdbcUrl(), server.ownerUser(), server.ownerPassword()), server);
        } catch (SQLException e) {
            closeQuietly(server);
            throw e;
        }
    }

    public Connection connection() {
        return connection;
    }

    /** True while another Civitas (another process, or this JVM) holds the data directory's lock. */
    private static boolean serverRunning(Path dataDir) {
        try (FileChannel channel = FileChannel.open(dataDir.resolve("civitas.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return true;
            }
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (IOException e) {
            throw new IllegalStateException("Could not read " + dataDir.resolve("civitas.lock") + ": " + e.getMessage(), e);
        }
    }

    /** postmaster.pid: line 1 the pid, 2 the data directory, 3 the start time, 4 the port. */
    private static int postmasterPort(Path pgData) {
        try {
            List<String> lines = Files.readAllLines(pgData.resolve("postmaster.pid"), StandardCharsets.US_ASCII);
            return Integer.parseInt(lines.get(3).trim());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("A Civitas holds " + pgData.getParent() + " but its PostgreSQL is not running yet; try again", e);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.close();
        } finally {
            if (startedHere != null) {
                closeQuietly(startedHere);
            }
        }
    }

    private static void closeQuietly(EmbeddedPostgresServer server) {
        try {
            server.close();
        } catch (IOException e) {
            // the command's verdict is already printed; a stop failure only leaves an orphan the next start removes
        }
    }
}

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
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server Civitas runs for itself when no database is configured. Its data lives in
 * {@code <data dir>/postgres} and survives restarts.
 * <p>
 * A JVM that dies without running its shutdown hooks (kill -9, power loss) leaves its postmaster
 * running, holding the data directory. Before starting, this class takes an exclusive lock on
 * {@code <data dir>/civitas.lock}: holding it proves no other live Civitas uses the directory, so
 * a postmaster still registered in {@code postmaster.pid} is an orphan and is stopped.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    static final String DATABASE_NAME = "civitas";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);

    private final FileChannel lockChannel;
    private final FileLock lock;
    private final EmbeddedPostgres postgres;

    EmbeddedPostgresServer(Path dataDir) {
        this(dataDir, true, true);
    }

    /**
     * {@code createDatabase} false: for commands, which use an existing database and never create one.
     * {@code durable} false: commits are not flushed to disk (only for tests, whose databases are thrown away).
     */
    EmbeddedPostgresServer(Path dataDir, boolean createDatabase, boolean durable) {
        Path pgData = dataDir.resolve("postgres").toAbsolutePath();
        try {
            Files.createDirectories(dataDir);
            this.lockChannel = FileChannel.open(dataDir.resolve("civitas.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            this.lock = tryLock(lockChannel);
            if (lock == null) {
                lockChannel.close();
                throw new IllegalStateException("Another Civitas is already running with the data directory "
                        + dataDir.toAbsolutePath() + ". Stop it, or set CIVITAS_DATA_DIR to another directory.");
            }
            stopOrphanedPostmaster(pgData);
            long started = System.nanoTime();
            this.postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(90))
                    .setServerConfig("max_connections", "100")
                    // zonky starts PostgreSQL as a throw-away test database: fsync off (-F) and
                    // synchronous_commit off. Civitas's embedded database is the body's real data, so a
                    // crash or power cut must not lose committed requests or corrupt it; a -c given
                    // after -F wins.
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    .start();
            if (createDatabase) {
                createDatabaseIfMissing();
            }
            log.info("Embedded PostgreSQL started on port {} with its data in {} ({} ms)", postgres.getPort(),
                    pgData, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL in " + pgData + ": " + e.getMessage(), e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE_NAME;
    }

    String user() {
        return "postgres";
    }

    int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        try {
            postgres.close();
            log.info("Embedded PostgreSQL stopped");
        } finally {
            lock.release();
            lockChannel.close();
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this same JVM, e.g. a second application context on the same directory
        }
    }

    private void createDatabaseIfMissing() throws IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE_NAME);
            try (var rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("create database " + DATABASE_NAME + " encoding 'UTF8' template template0");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException("could not create the database " + DATABASE_NAME, e);
        }
    }

    /** Stops a postmaster left behind by a Civitas that died; removes a pid file whose process is gone. */
    static void stopOrphanedPostmaster(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        Optional<ProcessHandle> postmaster = lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0))
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(EmbeddedPostgresServer::isPostgres);
        if (postmaster.isEmpty()) {
            log.warn("Removing the stale {} left by an embedded PostgreSQL that is no longer running", pidFile);
            Files.deleteIfExists(pidFile);
            return;
        }
        ProcessHandle orphan = postmaster.get();
        log.warn("Stopping the embedded PostgreSQL (pid {}) left running by a previous Civitas that did not shut down",
                orphan.pid());
        orphan.destroy(); // SIGTERM: smart shutdown, which completes at once as the old JVM's connections are gone
        try {
            orphan.onExit().get(ORPHAN_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            orphan.destroyForcibly();
            orphan.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping an orphaned PostgreSQL", e);
        } catch (Exception e) {
            throw new IOException("could not stop an orphaned PostgreSQL", e);
        }
        Files.deleteIfExists(pidFile);
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(command -> command.endsWith("/postgres") || command.endsWith("postgres"))
                .orElse(true); // the command is hidden for other users' processes: trust the pid file
    }
}

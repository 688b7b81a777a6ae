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
 * <p>
 * It listens on 127.0.0.1 only and every connection needs a password (scram-sha-256): the
 * superuser {@code postgres}, which owns the schema and runs the migrations, and
 * {@code civitas_app}, the role the application runs as, which owns nothing
 * ({@link DatabaseRoles}). Both passwords are generated on first start and kept in
 * {@code <data dir>/keys/database.properties} (0600; {@link EmbeddedCredentials}). A data directory
 * from before (a {@code pg_hba.conf} that trusts every local user) is upgraded on start.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    static final String DATABASE_NAME = "civitas";
    static final String OWNER = "postgres";
    static final String APP = "civitas_app";
    /** The first line of the pg_hba.conf Civitas writes: a data directory without it still trusts local users. */
    static final String HBA_MARKER = "# Written by Civitas: every connection needs a password (scram-sha-256).";
    static final String HBA = HBA_MARKER + "\n"
            + "# The server listens on 127.0.0.1 only; the passwords are in <data dir>/keys/database.properties.\n"
            + "local   all   all                  scram-sha-256\n"
            + "host    all   all   127.0.0.1/32   scram-sha-256\n"
            + "host    all   all   ::1/128        scram-sha-256\n";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);

    private final FileChannel lockChannel;
    private final FileLock lock;
    private final EmbeddedPostgres postgres;
    private final EmbeddedCredentials credentials;

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
            this.credentials = EmbeddedCredentials.loadOrCreate(dataDir);
            boolean secured = isSecured(pgData);
            if (secured && credentials.created()) {
                Files.deleteIfExists(credentials.file());
                throw new IllegalStateException("The embedded PostgreSQL in " + pgData + " asks for passwords, but "
                        + EmbeddedCredentials.file(dataDir) + " that holds them is gone. Restore it from a backup of the data directory.");
            }
            long started = System.nanoTime();
            this.postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(90))
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // zonky checks the server is ready by connecting as the superuser: with its password
                    .setConnectConfig("password", credentials.owner())
                    // zonky starts PostgreSQL as a throw-away test database: fsync off (-F) and
                    // synchronous_commit off. Civitas's embedded database is the body's real data, so a
                    // crash or power cut must not lose committed requests or corrupt it; a -c given
                    // after -F wins.
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    .start();
            secure(pgData, secured);
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
        return jdbcUrl(postgres.getPort());
    }

    static String jdbcUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE_NAME;
    }

    /** The role the application runs as: it owns nothing. */
    String user() {
        return APP;
    }

    String password() {
        return credentials.app();
    }

    /** The role that owns the schema and runs the migrations (the server's superuser). */
    String ownerUser() {
        return OWNER;
    }

    String ownerPassword() {
        return credentials.owner();
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

    private static boolean isSecured(Path pgData) throws IOException {
        Path hba = pgData.resolve("pg_hba.conf");
        return Files.isRegularFile(hba) && Files.readString(hba, StandardCharsets.UTF_8).startsWith(HBA_MARKER);
    }

    /**
     * Gives the superuser its password and makes the application's role (with its own), then, on a
     * data directory that still trusts local users (a new one, or one from before), writes the
     * pg_hba.conf that asks everyone for a password and reloads it. The passwords are set before the
     * file changes, so an interrupted upgrade is finished on the next start.
     */
    private void secure(Path pgData, boolean secured) throws IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             var statement = connection.createStatement()) {
            statement.execute("set password_encryption = 'scram-sha-256'");
            if (!secured) {
                statement.execute("alter role " + OWNER + " password '" + credentials.owner() + "'");
            }
            try (var exists = statement.executeQuery("select 1 from pg_roles where rolname = '" + APP + "'")) {
                if (!exists.next()) {
                    statement.execute("create role " + APP + " login password '" + credentials.app() + "'");
                } else if (!secured) {
                    statement.execute("alter role " + APP + " password '" + credentials.app() + "'");
                }
            }
            if (!secured) {
                Path hba = pgData.resolve("pg_hba.conf");
                Path next = pgData.resolve("pg_hba.conf.civitas");
                Files.writeString(next, HBA, StandardCharsets.UTF_8);
                Files.move(next, hba, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                try (var reload = statement.executeQuery("select pg_reload_conf()")) {
                    reload.next();
                }
                log.info("Embedded PostgreSQL now asks every connection for a password (scram-sha-256); the passwords are in {}",
                        credentials.file());
            }
        } catch (SQLException e) {
            throw new IOException("could not set the embedded PostgreSQL's passwords", e);
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

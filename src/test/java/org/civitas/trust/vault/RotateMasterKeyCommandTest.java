package org.civitas.trust.vault;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.civitas.CivitasApplication;
import org.civitas.CivitasTest;
import org.civitas.platform.database.CommandDatabase;
import org.civitas.trust.PersonalData;
import org.civitas.trust.VaultCommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code java -jar civitas.jar vault rotate-master-key} against real data directories and embedded
 * PostgreSQL servers: it rotates only with every node stopped, no node starts while it holds the
 * lock, the key files survive a crash at any step, and bad arguments change nothing (decision 0012).
 */
class RotateMasterKeyCommandTest {

    private static final String MARKER = "rotation-marker-k3v8@example.org";

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    @Test
    void rotatesSoThatTheDataOpensWithTheNewKeyAndNotTheOld() throws Exception {
        Sealed sealed = sealSomething();
        String oldKey = key(master());

        Result result = run(Map.of(), "rotate-master-key", "--civitas.data-dir=" + dataDir);

        assertThat(result.code()).as(result.text()).isZero();
        String newKey = key(master());
        assertThat(newKey).isNotEqualTo(oldKey);
        String oldFingerprint = MasterKeyFiles.read(retired(oldKey)).fingerprint();
        String newFingerprint = MasterKeyFiles.read(master()).fingerprint();
        assertThat(result.text()).contains("Rotated the master key", newFingerprint, oldFingerprint, "master.key.retired-" + oldFingerprint)
                .as("a key is never printed").doesNotContain(oldKey).doesNotContain(newKey);
        assertThat(key(retired(oldKey))).as("the retired key is kept for the backups made under it").isEqualTo(oldKey);
        assertThat(Files.getPosixFilePermissions(retired(oldKey))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(master())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(dataDir.resolve("keys/master.key.new")).doesNotExist();

        try (ConfigurableApplicationContext node = start()) {
            PersonalData vault = node.getBean(PersonalData.class);
            assertThat(vault.open(sealed.subject(), "test.field", sealed.bytes())).hasValue(MARKER);
            assertThat(vault.lookupKey("email", MARKER)).as("stored look-up hashes still match").isEqualTo(sealed.lookup());
            JdbcClient jdbc = node.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select fingerprint from trust.master_key").query(String.class).single()).isEqualTo(newFingerprint);
            assertThat(jdbc.sql("""
                    select count(*) from (select entry from trust.audit_queue union all select entry from trust.audit_log) e
                    where convert_from(entry, 'UTF8') like '%"action":"trust.MasterKeyRotated"%'
                      and convert_from(entry, 'UTF8') like ?
                    """).param("%\"previousFingerprint\":\"" + oldFingerprint + "\"%").query(Integer.class).single())
                    .as("the rotation is audited").isEqualTo(1);
        }
        assertThatThrownBy(() -> start("--civitas.master-key=" + oldKey).close()).as("the old key no longer opens the data")
                .hasStackTraceContaining("is not the one this database's personal data was sealed with");
    }

    @Test
    void refusesWhileANodeRunsAndChangesNothing() throws Exception {
        try (ConfigurableApplicationContext node = start()) {
            UUID subject = node.getBean(PersonalData.class).newSubject();
            byte[] sealed = node.getBean(PersonalData.class).seal(subject, "test.field", MARKER);
            String before = key(master());
            String wrappedBefore = wrappedKeys(node.getBean(JdbcClient.class));

            Result result = run(Map.of(), "rotate-master-key", "--civitas.data-dir=" + dataDir);

            assertThat(result.code()).isEqualTo(RotateMasterKeyCommand.REFUSED);
            assertThat(result.text()).contains("Stop every Civitas node first", "1 node(s)", "Nothing was changed");
            assertThat(key(master())).isEqualTo(before);
            assertThat(Files.list(dataDir.resolve("keys")).map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("master.key."));
            assertThat(wrappedKeys(node.getBean(JdbcClient.class))).isEqualTo(wrappedBefore);
            assertThat(node.getBean(PersonalData.class).open(subject, "test.field", sealed)).hasValue(MARKER);
        }
    }

    @Test
    void aNodeDoesNotStartWhileARotationHoldsTheLockAndANodeOnAnExternalDatabaseIsSeen() throws Exception {
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg")).setCleanDataDirectory(true).start()) {
            String url = "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
            String external = "--civitas.database.url=" + url;
            try (Connection rotation = DriverManager.getConnection(url, "postgres", null)) {
                // the lock the command holds for its whole run, taken the way it takes it
                assertThat(NodeLock.tryExclusive(rotation)).isTrue();
                assertThatThrownBy(() -> start(external, "--civitas.database.user=postgres", "--civitas.demo=true").close())
                        .hasStackTraceContaining("A master-key rotation (java -jar civitas.jar vault rotate-master-key) is running");
            }
            try (ConfigurableApplicationContext node = start(external, "--civitas.database.user=postgres", "--civitas.demo=true")) {
                assertThat(node.isActive()).as("once the rotation has let go, nodes start").isTrue();
                Result result = run(Map.of(), "rotate-master-key", "--civitas.data-dir=" + dataDir, external, "--civitas.database.user=postgres");
                assertThat(result.code()).isEqualTo(RotateMasterKeyCommand.REFUSED);
                assertThat(result.text()).contains("Stop every Civitas node first");
            }
            Result stopped = run(Map.of(), "rotate-master-key", "--civitas.data-dir=" + dataDir, external, "--civitas.database.user=postgres");
            assertThat(stopped.code()).as(stopped.text()).isZero();
        }
    }

    @Test
    void aNodeThatLostItsLockTakesItAgainAndStopsUsingAKeyRotatedAwayMeanwhile() throws Exception {
        try (ConfigurableApplicationContext node = start("--civitas.vault.lock-check=PT1H")) {
            Vault vault = node.getBean(Vault.class);
            JdbcClient jdbc = node.getBean(JdbcClient.class);
            UUID subject = vault.newSubject();
            byte[] sealed = vault.seal(subject, "test.field", MARKER);

            endTheLockSession(jdbc);
            vault.checkNodeLock();
            assertThat(run(Map.of(), "rotate-master-key", "--civitas.data-dir=" + dataDir).code())
                    .as("the lock was taken again").isEqualTo(RotateMasterKeyCommand.REFUSED);
            assertThat(vault.open(subject, "test.field", sealed)).hasValue(MARKER);

            endTheLockSession(jdbc);
            com.zaxxer.hikari.HikariDataSource pool = node.getBean(com.zaxxer.hikari.HikariDataSource.class);
            try (Connection rotation = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword())) {
                assertThat(NodeLock.tryExclusive(rotation)).isTrue();
                vault.checkNodeLock();
                assertThatThrownBy(vault::newSubject).as("nothing is wrapped while a rotation may be running")
                        .hasMessageContaining("a master-key rotation is running");
            }
            vault.checkNodeLock();
            assertThat(vault.open(subject, "test.field", sealed)).as("that rotation changed nothing: the vault carries on").hasValue(MARKER);

            endTheLockSession(jdbc);
            Result result = run(Map.of(), "rotate-master-key", "--civitas.data-dir=" + dataDir);
            assertThat(result.code()).as(result.text()).isZero();
            vault.checkNodeLock();
            assertThatThrownBy(vault::newSubject).as("no data key wrapped under the retired key")
                    .hasMessageContaining("rotated away while it ran");
            assertThatThrownBy(() -> vault.open(subject, "test.field", sealed)).hasMessageContaining("restart it with the new master key");
        }
    }

    /** As a database restart or a network cut would: the session holding the node's lock ends. */
    private static void endTheLockSession(JdbcClient jdbc) {
        assertThat(jdbc.sql("select pg_terminate_backend(pid, 30000) from pg_stat_activity where application_name = ?")
                .param(NodeLock.APPLICATION_NAME).query(Boolean.class).list()).containsExactly(true);
    }

    @Test
    void aCrashBetweenTheCommitAndTheFileSwitchIsFinishedAtTheNextStart() throws Exception {
        Sealed sealed = sealSomething();
        String oldKey = key(master());
        assertThat(run(Map.of(), "rotate-master-key", "--civitas.data-dir=" + dataDir).code()).isZero();
        String newKey = key(master());
        // the files as a crash right after the commit leaves them: the old key current, the new one beside it
        Files.delete(retired(oldKey));
        Files.writeString(master(), oldKey + "\n");
        Files.writeString(dataDir.resolve("keys/master.key.new"), newKey + "\n");

        try (ConfigurableApplicationContext node = start()) {
            assertThat(node.getBean(PersonalData.class).open(sealed.subject(), "test.field", sealed.bytes())).hasValue(MARKER);
        }
        assertThat(key(master())).isEqualTo(newKey);
        assertThat(key(retired(oldKey))).isEqualTo(oldKey);
        assertThat(dataDir.resolve("keys/master.key.new")).doesNotExist();

        // and as a crash before the commit leaves them: a new key the database never used
        Files.writeString(dataDir.resolve("keys/master.key.new"), randomKey() + "\n");
        try (ConfigurableApplicationContext node = start()) {
            assertThat(node.getBean(PersonalData.class).open(sealed.subject(), "test.field", sealed.bytes())).hasValue(MARKER);
        }
        assertThat(key(master())).isEqualTo(newKey);
        assertThat(dataDir.resolve("keys/master.key.new")).as("it opened nothing, so it is removed").doesNotExist();
    }

    @Test
    void theCommandSpeaksEnglishOnAMachineWhoseLanguageIsWelsh() {
        // trust_cy.properties exists (issue 20): a bundle asked for in en-GB must not fall back to the machine's Welsh
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("cy-GB"));
            ResourceBundle.clearCache(RotateMasterKeyCommand.class.getClassLoader());
            Result result = run(Map.of("CIVITAS_MASTER_KEY", "unused"), "rotate");
            assertThat(result.code()).isEqualTo(RotateMasterKeyCommand.REFUSED);
            assertThat(result.text()).startsWith("Usage: java -jar civitas.jar vault rotate-master-key");
        } finally {
            Locale.setDefault(before);
            ResourceBundle.clearCache(RotateMasterKeyCommand.class.getClassLoader());
        }
    }

    @Test
    void badArgumentsGiveTheUsageAndChangeNothingAndTheVariableTakesANewKeyFile() throws Exception {
        sealSomething();
        String current = key(master());
        String state = databaseState();
        Path shortKey = Files.writeString(work.resolve("short.key"), Base64.getEncoder().encodeToString(new byte[16]));
        Path sameKey = Files.writeString(work.resolve("same.key"), current);
        String newKey = randomKey();
        Path goodKey = Files.writeString(work.resolve("new.key"), newKey + "\n");
        String dir = "--civitas.data-dir=" + dataDir;

        List<Object[]> cases = new ArrayList<>();
        cases.add(new Object[] {Map.of(), new String[] {}, "Usage: java -jar civitas.jar vault rotate-master-key"});
        cases.add(new Object[] {Map.of(), new String[] {"rotate", dir}, "Usage: java -jar civitas.jar vault rotate-master-key"});
        cases.add(new Object[] {Map.of(), new String[] {"rotate-master-key", dir, "--force"}, "Argument 3 is not one this command takes"});
        cases.add(new Object[] {Map.of(), new String[] {"rotate-master-key", dir, "--new-key-file="}, "Argument 3 is not one"});
        cases.add(new Object[] {Map.of(), new String[] {"rotate-master-key", dir, "--new-key-file=" + work.resolve("missing.key")},
                "--new-key-file: could not read"});
        cases.add(new Object[] {Map.of(), new String[] {"rotate-master-key", dir, "--new-key-file=" + shortKey},
                "must hold the new key as base64 of exactly 32 random bytes"});
        cases.add(new Object[] {Map.of(), new String[] {"rotate-master-key", dir, "--new-key-file=" + sameKey}, "the new key is the current key"});
        cases.add(new Object[] {Map.of("CIVITAS_MASTER_KEY", current), new String[] {"rotate-master-key", dir},
                "name the file that holds the new key with --new-key-file=FILE"});
        cases.add(new Object[] {Map.of("CIVITAS_MASTER_KEY", "not base64!"), new String[] {"rotate-master-key", dir, "--new-key-file=" + goodKey},
                "CIVITAS_MASTER_KEY must be base64 of exactly 32 bytes"});
        cases.add(new Object[] {Map.of("CIVITAS_MASTER_KEY", randomKey()), new String[] {"rotate-master-key", dir, "--new-key-file=" + goodKey},
                "does not open the personal data in this database"});
        for (Object[] each : cases) {
            @SuppressWarnings("unchecked")
            Result result = run((Map<String, String>) each[0], (String[]) each[1]);
            assertThat(result.code()).as(String.join(" ", (String[]) each[1])).isEqualTo(RotateMasterKeyCommand.REFUSED);
            assertThat(result.text()).as(String.join(" ", (String[]) each[1])).contains((String) each[2]).doesNotContain(current).doesNotContain(newKey);
        }
        assertThat(key(master())).isEqualTo(current);
        assertThat(Files.list(dataDir.resolve("keys")).map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("master.key."));
        assertThat(databaseState()).as("nothing changed in the database").isEqualTo(state);

        Result result = run(Map.of("CIVITAS_MASTER_KEY", current), "rotate-master-key", dir, "--new-key-file=" + goodKey);
        assertThat(result.code()).as(result.text()).isZero();
        assertThat(result.text()).contains("Set CIVITAS_MASTER_KEY to the new key", "on every node").doesNotContain(newKey);
        assertThat(key(master())).as("with the variable, the key files are not the command's to change").isEqualTo(current);
        try (CommandDatabase database = CommandDatabase.open(dataDir, null, null, null)) {
            assertThat(MasterKeyRotation.isCurrent(database.connection(), MasterKeyFiles.read(goodKey))).isTrue();
            assertThat(MasterKeyRotation.isCurrent(database.connection(), MasterKeyFiles.read(master()))).isFalse();
        }
    }

    // ---- support ----

    private record Sealed(UUID subject, byte[] bytes, byte[] lookup) {
    }

    private record Result(int code, String text) {
    }

    /** A node's life: start, seal a value for a new subject, stop. */
    private Sealed sealSomething() {
        try (ConfigurableApplicationContext node = start()) {
            PersonalData vault = node.getBean(PersonalData.class);
            UUID subject = vault.newSubject();
            return new Sealed(subject, vault.seal(subject, "test.field", MARKER), vault.lookupKey("email", MARKER));
        }
    }

    private Result run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int code;
        try (PrintStream print = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            code = environment.isEmpty() ? VaultCommandLine.run(args, print, print) : RotateMasterKeyCommand.run(args, environment, print, print);
        }
        return new Result(code, text.toString(StandardCharsets.UTF_8));
    }

    private Path master() {
        return dataDir.resolve("keys/master.key");
    }

    private Path retired(String key) throws Exception {
        return dataDir.resolve("keys/master.key.retired-" + MasterKey.of(Base64.getDecoder().decode(key)).fingerprint());
    }

    private static String key(Path file) throws Exception {
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }

    private static String randomKey() {
        return Base64.getEncoder().encodeToString(Aead.random(32));
    }

    private static String wrappedKeys(JdbcClient jdbc) {
        return jdbc.sql("select md5(string_agg(encode(wrapped_key, 'hex'), ',' order by subject_id)) from trust.data_key")
                .query(String.class).single();
    }

    /** The master-key row and every wrapped data key, read with no node running. */
    private String databaseState() throws Exception {
        try (CommandDatabase database = CommandDatabase.open(dataDir, null, null, null);
             PreparedStatement select = database.connection().prepareStatement("""
                     select (select fingerprint || md5(check_value) || md5(lookup_key_wrapped) from trust.master_key)
                         || (select md5(string_agg(encode(wrapped_key, 'hex'), ',' order by subject_id)) from trust.data_key)
                         || (select count(*) from trust.audit_queue)
                     """);
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }

    private ConfigurableApplicationContext start(String... extra) {
        String[] base = {"--civitas.data-dir=" + dataDir, "--server.port=0", "--civitas.demo-password=" + CivitasTest.DEMO_PASSWORD,
                "--civitas.demo-api-key=" + CivitasTest.DEMO_API_KEY, "--civitas.audit.sequence-every=3600000"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return new SpringApplicationBuilder(CivitasApplication.class).run(args);
    }
}

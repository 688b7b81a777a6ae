package org.civitas.trust.vault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.civitas.CivitasApplication;
import org.civitas.CivitasTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The master key: created owner-only on first start; a different key is refused at start with nothing changed. */
class MasterKeyStartupTest {

    @TempDir
    Path dataDir;

    @Test
    void aKeyFileIsCreatedOwnerOnlyAndAWrongKeyRefusesToStart() throws Exception {
        String fingerprint;
        int subjects;
        try (ConfigurableApplicationContext first = start()) {
            Path keyFile = dataDir.resolve("keys/master.key");
            assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(keyFile.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            first.getBean(org.civitas.trust.PersonalData.class).newSubject();
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            fingerprint = jdbc.sql("select fingerprint from trust.master_key").query(String.class).single();
            subjects = jdbc.sql("select count(*) from trust.data_key").query(Integer.class).single();
        }

        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        String wrongKey = Base64.getEncoder().encodeToString(other);
        assertThatThrownBy(() -> start("--civitas.master-key=" + wrongKey).close())
                .hasStackTraceContaining("is not the one this database's personal data was sealed with")
                .hasStackTraceContaining(fingerprint);

        try (ConfigurableApplicationContext again = start()) {
            JdbcClient jdbc = again.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select fingerprint from trust.master_key").query(String.class).single()).isEqualTo(fingerprint);
            assertThat(jdbc.sql("select count(*) from trust.data_key").query(Integer.class).single()).isEqualTo(subjects);
        }
    }

    private ConfigurableApplicationContext start(String... extra) {
        String[] base = {"--civitas.data-dir=" + dataDir, "--server.port=0", "--civitas.demo-password=" + CivitasTest.DEMO_PASSWORD,
                "--civitas.demo-api-key=" + CivitasTest.DEMO_API_KEY};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return new SpringApplicationBuilder(CivitasApplication.class).run(args);
    }
}

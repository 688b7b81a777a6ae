package org.civitas.trust.audit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.civitas.CivitasApplication;
import org.civitas.CivitasTest;
import org.civitas.trust.AuditCommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code audit verify} with no server running: it starts the embedded PostgreSQL of the data
 * directory itself, verifies, and stops it again, leaving the directory free for the server.
 * The signing key is created owner-only on the server's first start.
 */
class AuditCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void verifiesTheDataDirectoryOfAStoppedServer() throws Exception {
        long size;
        try (ConfigurableApplicationContext server = start()) {
            Path key = dataDir.resolve("keys/audit-ed25519.key");
            assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(dataDir.resolve("keys/audit-ed25519.pub")).exists();
            AuditSequencer sequencer = server.getBean(AuditSequencer.class);
            while (sequencer.sequenceBatch() > 0) {
                // the demo's seeding events
            }
            size = server.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                    .sql("select max(tree_size) from trust.audit_checkpoint").query(Long.class).single();
            assertThat(size).isPositive();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            code = AuditCommandLine.run(new String[] {"verify", "--civitas.data-dir=" + dataDir}, print, print);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("OK: the audit log is intact; tree size " + size);
        assertThat(code).isZero();
        // the command stopped the PostgreSQL it started: the server starts again on the directory
        try (ConfigurableApplicationContext again = start()) {
            assertThat(again.isActive()).isTrue();
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CivitasApplication.class).run("--civitas.data-dir=" + dataDir, "--server.port=0",
                "--civitas.demo-password=" + CivitasTest.DEMO_PASSWORD, "--civitas.demo-api-key=" + CivitasTest.DEMO_API_KEY,
                "--civitas.audit.sequence-every=3600000");
    }
}

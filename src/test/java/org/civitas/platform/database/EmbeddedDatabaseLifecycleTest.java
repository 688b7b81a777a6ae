package org.civitas.platform.database;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.civitas.CivitasTest;
import org.civitas.catalogue.Teams;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded PostgreSQL keeps its data across restarts and survives a crashed JVM. */
class EmbeddedDatabaseLifecycleTest {

    @TempDir
    Path dataDir;

    @Test
    void aRestartKeepsEveryRowAndDoesNotSeedTheDemoAgain() {
        int pgPort;
        // as it runs outside tests: commits reach the disk (the test configuration turns that off for speed)
        try (ConfigurableApplicationContext first = CivitasProcess.start(dataDir, Map.of("civitas.database.embedded-durable", "true"))) {
            JdbcClient database = first.getBean(JdbcClient.class);
            assertThat(database.sql("show fsync").query(String.class).single()).as("fsync").isEqualTo("on");
            assertThat(database.sql("show synchronous_commit").query(String.class).single()).as("synchronous_commit").isEqualTo("on");
            first.getBean(Teams.class).create("libraries", "Libraries");
            WebSession resident = new WebSession(CivitasProcess.port(first));
            resident.get("/register");
            assertThat(resident.postForm("/register", Map.of("name", "Pat Persistent", "email", "pat@example.org",
                    "password", "a persistent password")).statusCode()).isEqualTo(302);
            pgPort = first.getBean(EmbeddedPostgresServer.class).port();
        }
        assertThat(accepts(pgPort)).as("stopping Civitas stops its PostgreSQL").isFalse();

        try (ConfigurableApplicationContext second = CivitasProcess.start(dataDir, Map.of())) {
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            assertThat(jdbc.sql("show fsync").query(String.class).single()).as("the tests' own setting").isEqualTo("off");
            assertThat(second.getBean(Teams.class).byCode("libraries")).isPresent();
            assertThat(jdbc.sql("select count(*) from identity.account").query(Integer.class).single())
                    .as("the demo is seeded once: four demo accounts and Pat").isEqualTo(5);
            WebSession resident = new WebSession(CivitasProcess.port(second));
            assertThat(WebSession.location(resident.signIn("pat@example.org", "a persistent password"))).isEqualTo("/");
        }
    }

    @Test
    void aPostgresLeftRunningByACrashedCivitasIsStoppedAtTheNextStart() throws Exception {
        Process crashed = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                OrphanMaker.class.getName(), dataDir.toString()).redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(crashed.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int orphanPort = -1;
            while ((line = output.readLine()) != null) {
                if (line.startsWith("READY ")) {
                    orphanPort = Integer.parseInt(line.substring(6).trim());
                    break;
                }
            }
            assertThat(orphanPort).as("the child started PostgreSQL").isPositive();
            crashed.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(crashed.waitFor(30, TimeUnit.SECONDS)).isTrue();

            long orphanPid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
            assertThat(ProcessHandle.of(orphanPid)).as("the postmaster outlived its JVM").hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
            assertThat(accepts(orphanPort)).isTrue();

            try (ConfigurableApplicationContext next = CivitasProcess.start(dataDir, Map.of())) {
                assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
                assertThat(next.getBean(JdbcClient.class).sql("select count(*) from catalogue.team").query(Integer.class).single()).isPositive();
            }
        } finally {
            crashed.destroyForcibly();
        }
    }

    @Test
    void aStalePidFileFromAPostgresThatIsGoneIsRemoved() throws Exception {
        try (ConfigurableApplicationContext first = CivitasProcess.start(dataDir, Map.of())) {
            assertThat(first.isRunning()).isTrue();
        }
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path pidFile = dataDir.resolve("postgres/postmaster.pid");
        Files.write(pidFile, List.of(String.valueOf(gone.pid()), dataDir.resolve("postgres").toString(), "0", "5432"));

        try (ConfigurableApplicationContext next = CivitasProcess.start(dataDir, Map.of())) {
            assertThat(next.getBean(JdbcClient.class).sql("select 1").query(Integer.class).single()).isEqualTo(1);
        }
    }

    @Test
    void aSecondCivitasOnTheSameDataDirectoryIsRefusedWithAClearMessage() {
        try (ConfigurableApplicationContext first = CivitasProcess.start(dataDir, Map.of())) {
            assertThatThrownBy(() -> CivitasProcess.start(dataDir, Map.of()).close())
                    .hasStackTraceContaining("Another Civitas is already running with the data directory");
            assertThat(first.getBean(JdbcClient.class).sql("select 1").query(Integer.class).single()).isEqualTo(1);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket("localhost", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String password() {
        return CivitasTest.DEMO_PASSWORD;
    }
}

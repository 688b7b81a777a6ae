package org.civitas.identity;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.civitas.CivitasApplication;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without the demo, a body gets its first administrator from CIVITAS_INITIAL_ADMIN_EMAIL, once; the
 * first password goes to a 0600 file in the data directory, and the console and log say only where.
 */
class InitialAdministratorTest {

    @TempDir
    Path dataDir;

    @Test
    void theFirstStartCreatesTheAdministratorAndWritesItsPasswordOnceToAFileOnlyItsOwnerReads() throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        String[] args = {"--civitas.data-dir=" + dataDir, "--server.port=0", "--civitas.demo=false",
                "--civitas.initial-admin-email=it@newtown.example", "--civitas.body-name=Newtown Council"};
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try (ConfigurableApplicationContext civitas = new SpringApplicationBuilder(CivitasApplication.class).run(args)) {
                System.setOut(console);
                Path file = dataDir.resolve("initial-admin-password.txt");
                assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
                Matcher password = Pattern.compile("(?m)^password: (\\S+)$").matcher(Files.readString(file));
                assertThat(password.find()).isTrue();
                String output = printed.toString(StandardCharsets.UTF_8);
                assertThat(output).as("the log says where").contains(file.toAbsolutePath().toString())
                        .as("never what").doesNotContain(password.group(1)).doesNotContain("it@newtown.example");
                int port = ((WebServerApplicationContext) civitas).getWebServer().getPort();
                WebSession admin = new WebSession(port);
                assertThat(WebSession.location(admin.signIn("it@newtown.example", password.group(1))))
                        .as("staff MFA is required without the demo").isEqualTo("/account/two-factor");
                assertThat(new WebSession(port).get("/sign-in").body()).as("no demo banner without the demo").doesNotContain("civitas-demo-banner");
                JdbcClient jdbc = civitas.getBean(JdbcClient.class);
                assertThat(jdbc.sql("select count(*) from identity.account").query(Integer.class).single()).isEqualTo(1);
            }
            printed.reset();
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try (ConfigurableApplicationContext again = new SpringApplicationBuilder(CivitasApplication.class).run(args)) {
                assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("Created the first administrator");
                assertThat(again.getBean(JdbcClient.class).sql("select count(*) from identity.account").query(Integer.class).single()).isEqualTo(1);
            }
        } finally {
            System.setOut(console);
        }
    }
}

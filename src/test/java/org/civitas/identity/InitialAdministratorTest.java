package org.civitas.identity;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

/** Without the demo, a body gets its first administrator from CIVITAS_INITIAL_ADMIN_EMAIL, once. */
class InitialAdministratorTest {

    @TempDir
    Path dataDir;

    @Test
    void theFirstStartCreatesTheAdministratorAndPrintsItsPasswordOnce() {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        String[] args = {"--civitas.data-dir=" + dataDir, "--server.port=0", "--civitas.demo=false",
                "--civitas.initial-admin-email=it@newtown.example", "--civitas.body-name=Newtown Council"};
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try (ConfigurableApplicationContext civitas = new SpringApplicationBuilder(CivitasApplication.class).run(args)) {
                System.setOut(console);
                Matcher password = Pattern.compile("shown once: (\\S+)").matcher(printed.toString(StandardCharsets.UTF_8));
                assertThat(password.find()).isTrue();
                int port = ((WebServerApplicationContext) civitas).getWebServer().getPort();
                WebSession admin = new WebSession(port);
                assertThat(WebSession.location(admin.signIn("it@newtown.example", password.group(1))))
                        .as("staff MFA is required without the demo").isEqualTo("/account/two-factor");
                JdbcClient jdbc = civitas.getBean(JdbcClient.class);
                assertThat(jdbc.sql("select count(*) from identity.account").query(Integer.class).single()).isEqualTo(1);
            }
            printed.reset();
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try (ConfigurableApplicationContext again = new SpringApplicationBuilder(CivitasApplication.class).run(args)) {
                assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("first administrator created");
                assertThat(again.getBean(JdbcClient.class).sql("select count(*) from identity.account").query(Integer.class).single()).isEqualTo(1);
            }
        } finally {
            System.setOut(console);
        }
    }
}

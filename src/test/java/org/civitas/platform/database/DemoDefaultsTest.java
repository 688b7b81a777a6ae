package org.civitas.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo's defaults are not traps (issue 12): every page says "Demo", each demo account has its
 * own generated password, and the generated passwords and API key are written once to a 0600 file
 * in the data directory; the console and the log say where, never what.
 */
class DemoDefaultsTest {

    private static final Pattern ACCOUNT = Pattern.compile("(?m)^  (\\S+@riverside\\.example)  (\\S+)$");
    private static final Pattern KEY = Pattern.compile("(?m)^API key \\(all scopes\\): (\\S+)$");

    @TempDir
    Path dataDir;

    @Test
    void eachDemoAccountHasItsOwnPasswordWrittenOnlyToAFileItsOwnerReads() throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        // nothing fixed: the passwords and the key are generated, as on a deployer's first start
        Map<String, Object> generated = Map.of("civitas.demo-password", "", "civitas.demo-api-key", "", "logging.level.root", "info");
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try (ConfigurableApplicationContext civitas = CivitasProcess.start(dataDir, generated)) {
                System.setOut(console);
                Path file = dataDir.resolve("demo-sign-in.txt");
                assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
                String secrets = Files.readString(file);
                Map<String, String> passwords = new LinkedHashMap<>();
                Matcher account = ACCOUNT.matcher(secrets);
                while (account.find()) {
                    passwords.put(account.group(1), account.group(2));
                }
                assertThat(passwords.keySet()).containsExactly("admin@riverside.example", "manager@riverside.example",
                        "caseworker@riverside.example", "citizen@riverside.example");
                assertThat(passwords.values()).as("one password each").doesNotHaveDuplicates().allMatch(p -> p.length() >= 20);
                Matcher key = KEY.matcher(secrets);
                assertThat(key.find()).isTrue();

                String output = printed.toString(StandardCharsets.UTF_8);
                assertThat(output).as("the log says where").contains(file.toAbsolutePath().toString());
                for (String secret : concat(passwords.values(), key.group(1))) {
                    assertThat(output).as("never what").doesNotContain(secret);
                }

                int port = CivitasProcess.port(civitas);
                WebSession citizen = new WebSession(port);
                assertThat(WebSession.location(citizen.signIn("citizen@riverside.example", passwords.get("citizen@riverside.example")))).isEqualTo("/");
                assertThat(citizen.get("/").body()).as("every page says Demo").contains("civitas-demo-banner").contains(">Demo<");
                WebSession intruder = new WebSession(port);
                assertThat(WebSession.location(intruder.signIn("admin@riverside.example", passwords.get("citizen@riverside.example"))))
                        .as("the citizen's password does not open the administrator's account").startsWith("/sign-in");
                assertThat(new WebSession(port).get("/sign-in").body()).contains("civitas-demo-banner");
            }
        } finally {
            System.setOut(console);
        }
    }

    private static List<String> concat(java.util.Collection<String> values, String more) {
        List<String> all = new java.util.ArrayList<>(values);
        all.add(more);
        return all;
    }
}

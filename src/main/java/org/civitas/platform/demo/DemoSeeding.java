package org.civitas.platform.demo;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.List;

import org.civitas.platform.CivitasProperties;
import org.civitas.platform.DemoBody;
import org.civitas.platform.DemoSeeder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * Creates the demo body, Riverside Borough Council, on the first start of an empty database when
 * {@code CIVITAS_DEMO} is on. Several nodes may start together: a transaction-scoped advisory lock
 * and the {@code platform.installation} row make sure exactly one of them seeds.
 */
@Component
@Order(0)
class DemoSeeding implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoSeeding.class);
    private static final long SEED_LOCK = 0x43495649544153L; // "CIVITAS"
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final CivitasProperties properties;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final List<DemoSeeder> seeders;
    private final PrintStream console;

    DemoSeeding(CivitasProperties properties, JdbcClient jdbc, TransactionTemplate transactions, List<DemoSeeder> seeders) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.seeders = seeders;
        this.console = System.out;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.demo()) {
            return;
        }
        DemoBody seeded = transactions.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(SEED_LOCK).query().singleValue();
            boolean done = jdbc.sql("select demo_seeded_at is not null from platform.installation where id = 1")
                    .query(Boolean.class).optional().orElse(false);
            if (done) {
                return null;
            }
            DemoBody demo = new DemoBody(
                    StringUtils.hasText(properties.demoPassword()) ? properties.demoPassword() : randomSecret(16),
                    StringUtils.hasText(properties.demoApiKey()) ? properties.demoApiKey() : null);
            seeders.forEach(seeder -> seeder.seed(demo));
            jdbc.sql("""
                    insert into platform.installation (id, demo_seeded_at) values (1, now())
                    on conflict (id) do update set demo_seeded_at = excluded.demo_seeded_at
                    """).update();
            return demo;
        });
        if (seeded != null) {
            log.info("Seeded the demo body {}", properties.bodyName());
            printSignInDetails(seeded);
        }
    }

    /** Printed to the console once, not logged: the passwords must not reach log files. */
    private void printSignInDetails(DemoBody demo) {
        StringBuilder text = new StringBuilder()
                .append(System.lineSeparator())
                .append("==== Civitas demo: ").append(properties.bodyName()).append(" ====").append(System.lineSeparator());
        demo.signInDetails().forEach(line -> text.append(line).append(System.lineSeparator()));
        text.append("These details are shown once. Set CIVITAS_DEMO_PASSWORD and CIVITAS_DEMO_API_KEY to fix them.")
                .append(System.lineSeparator());
        console.println(text);
    }

    static String randomSecret(int length) {
        SecureRandom random = new SecureRandom();
        StringBuilder secret = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            secret.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return secret.toString();
    }
}

package org.civitas.platform.demo;

import java.nio.file.Path;
import java.util.List;

import org.civitas.platform.CivitasProperties;
import org.civitas.platform.DemoBody;
import org.civitas.platform.DemoSeeder;
import org.civitas.platform.SecretsFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the demo body, Riverside Borough Council, on the first start of an empty database when
 * {@code CIVITAS_DEMO} is on. Several nodes may start together: a transaction-scoped advisory lock
 * and the {@code platform.installation} row make sure exactly one of them seeds. The generated
 * passwords and API key go once to {@value #FILE_NAME} in the data directory (0600); the log says
 * where, never what.
 */
@Component
@Order(0)
class DemoSeeding implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoSeeding.class);
    private static final long SEED_LOCK = 0x43495649544153L; // "CIVITAS"
    /** The file in the data directory that receives the demo accounts' passwords and the API key. */
    static final String FILE_NAME = "demo-sign-in.txt";

    private final CivitasProperties properties;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final List<DemoSeeder> seeders;

    DemoSeeding(CivitasProperties properties, JdbcClient jdbc, TransactionTemplate transactions, List<DemoSeeder> seeders) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.seeders = seeders;
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
            DemoBody demo = new DemoBody(properties.demoPassword(), properties.demoApiKey());
            seeders.forEach(seeder -> seeder.seed(demo));
            jdbc.sql("""
                    insert into platform.installation (id, demo_seeded_at) values (1, now())
                    on conflict (id) do update set demo_seeded_at = excluded.demo_seeded_at
                    """).update();
            return demo;
        });
        if (seeded != null) {
            Path file = SecretsFile.write(properties.dataDir(), FILE_NAME,
                    "Civitas demo: " + properties.bodyName() + ". Sign-in details of the demo accounts and the demo API key.",
                    seeded.signInDetails());
            // where, never what: the passwords and the key must not reach the console or the log
            log.info("Seeded the demo body {}; its sign-in details are in {} (readable by this user only)", properties.bodyName(), file);
        }
    }
}

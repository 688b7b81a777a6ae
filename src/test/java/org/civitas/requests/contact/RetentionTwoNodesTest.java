package org.civitas.requests.contact;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.civitas.CivitasApplication;
import org.civitas.CivitasTest;
import org.civitas.catalogue.Services;
import org.civitas.requests.cases.Channel;
import org.civitas.requests.cases.Contact;
import org.civitas.requests.cases.NewServiceRequest;
import org.civitas.requests.cases.ServiceRequestRegister;
import org.civitas.trust.PersonalData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real nodes (two application contexts, each with its own connection pool, scheduler beans and
 * retention job) on one PostgreSQL, as a body running several nodes has them. While one node's
 * retention run holds its claimed requests in an open transaction, the other node's run must skip
 * them without waiting, so no request's data is erased, logged or announced twice; and both
 * running at once erase each request exactly once.
 */
class RetentionTwoNodesTest {

    @TempDir
    static Path work;

    static EmbeddedPostgres database;
    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;

    @BeforeAll
    static void twoNodes() throws Exception {
        database = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg")).setCleanDataDirectory(true).start();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String masterKey = Base64.getEncoder().encodeToString(key);
        nodeA = node("a", masterKey);
        nodeB = node("b", masterKey);
    }

    private static ConfigurableApplicationContext node(String name, String masterKey) throws Exception {
        Path dataDir = Files.createDirectories(work.resolve("node-" + name));
        return new SpringApplicationBuilder(CivitasApplication.class).run(
                "--civitas.data-dir=" + dataDir, "--server.port=0",
                "--civitas.database.url=jdbc:postgresql://localhost:" + database.getPort() + "/postgres",
                "--civitas.database.user=postgres", "--civitas.master-key=" + masterKey,
                "--civitas.demo=true", // an external database takes the demo only when asked for by name
                "--civitas.demo-password=" + CivitasTest.DEMO_PASSWORD, "--civitas.demo-api-key=" + CivitasTest.DEMO_API_KEY,
                // the test runs the jobs itself
                "--civitas.retention.initial-delay=PT1H", "--civitas.audit.sequence-every=3600000");
    }

    @AfterAll
    static void stop() throws Exception {
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {nodeB, nodeA}) {
            if (node != null) {
                node.close();
            }
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theNodesAreTwoApplicationsOnOneDatabase() {
        assertThat(nodeA).isNotSameAs(nodeB);
        assertThat(nodeA.getBean(RetentionJob.class)).isNotSameAs(nodeB.getBean(RetentionJob.class));
        assertThat(nodeA.getBean(javax.sql.DataSource.class)).isNotSameAs(nodeB.getBean(javax.sql.DataSource.class));
        assertThat(jdbc(nodeB).sql("select count(*) from platform.installation").query(Long.class).single())
                .isEqualTo(jdbc(nodeA).sql("select count(*) from platform.installation").query(Long.class).single());
        List<String> due = dueRequests(nodeA, 1, "Ivy");
        assertThat(jdbc(nodeB).sql("select count(*) from requests.service_request where reference = ?").param(due.get(0))
                .query(Long.class).single()).as("what one node writes, the other reads").isEqualTo(1L);
    }

    @Test
    void aNodeSkipsWhatTheOtherHasClaimedWithoutWaitingAndNothingIsErasedTwice() throws Exception {
        List<String> references = dueRequests(nodeA, 120, "Owen");
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // node A runs its retention job inside a transaction it keeps open: its claims stay locked
            Future<Integer> onA = pool.submit(() -> nodeA.getBean(TransactionTemplate.class).execute(status -> {
                int erased = nodeA.getBean(RetentionJob.class).run();
                claimed.countDown();
                try {
                    assertThat(release.await(5, TimeUnit.MINUTES)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return erased;
            }));
            assertThat(claimed.await(5, TimeUnit.MINUTES)).as("node A claimed its batch").isTrue();
            // node B runs meanwhile: it must skip A's claims, not wait for them, and not erase them again
            Future<Integer> onB = pool.submit(() -> nodeB.getBean(RetentionJob.class).run());
            Integer byB;
            try {
                byB = onB.get(2, TimeUnit.MINUTES);
            } catch (java.util.concurrent.TimeoutException e) {
                release.countDown();
                throw new AssertionError("node B waited for the requests node A had claimed instead of skipping them", e);
            }
            release.countDown();
            int byA = onA.get(5, TimeUnit.MINUTES);
            assertThat(byA).as("node A erased everything due").isGreaterThanOrEqualTo(references.size());
            assertThat(byB).as("node B found nothing left that A had not claimed").isZero();
            // and once A has committed, B finds nothing to do again
            assertThat(nodeB.getBean(RetentionJob.class).run()).isZero();
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        erasedOnce(references);
    }

    @Test
    void bothNodesRunningAtOnceEraseEachRequestOnce() throws Exception {
        List<String> references = dueRequests(nodeB, 250, "Nia");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<Integer> onA = pool.submit(() -> {
                start.await();
                return nodeA.getBean(RetentionJob.class).run();
            });
            Future<Integer> onB = pool.submit(() -> {
                start.await();
                return nodeB.getBean(RetentionJob.class).run();
            });
            start.countDown();
            assertThat(onA.get(5, TimeUnit.MINUTES) + onB.get(5, TimeUnit.MINUTES)).as("every due request, each by one node")
                    .isGreaterThanOrEqualTo(references.size());
        } finally {
            pool.shutdownNow();
        }
        erasedOnce(references);
    }

    /** Each request's subject is erased, with exactly one retention entry in the access log and one erasure in the audit queue or log. */
    private void erasedOnce(List<String> references) {
        JdbcClient jdbc = jdbc(nodeA);
        PersonalData vault = nodeA.getBean(PersonalData.class);
        for (String reference : references) {
            UUID subject = jdbc.sql("select requester_subject from requests.service_request where reference = ?").param(reference)
                    .query(UUID.class).single();
            assertThat(vault.readable(subject)).as("erased: " + reference).isFalse();
            assertThat(nodeB.getBean(PersonalData.class).readable(subject)).isFalse();
            assertThat(jdbc.sql("select count(*) from trust.access_log where subject_id = ? and action = 'retention'").param(subject)
                    .query(Long.class).single()).as("one retention entry for " + reference).isEqualTo(1L);
            assertThat(jdbc.sql("select count(*) from trust.data_key where subject_id = ? and erased_at is not null").param(subject)
                    .query(Long.class).single()).isEqualTo(1L);
        }
        assertThat(jdbc.sql("select count(*) from requests.service_request where reference = any(?) and requester_erased_at is null")
                .param(references.toArray(String[]::new)).query(Long.class).single()).isZero();
    }

    /** Requests with contact details made on a node, finished long past the service's retention. */
    private static List<String> dueRequests(ConfigurableApplicationContext node, int count, String name) {
        Services services = node.getBean(Services.class);
        ServiceRequestRegister register = node.getBean(ServiceRequestRegister.class);
        var service = services.liveByCode("pothole").orElseThrow();
        var version = services.currentVersion("pothole").orElseThrow();
        List<String> references = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            references.add(register.submit(new NewServiceRequest(service, version, "A hole.", new BigDecimal("51.4613"),
                    new BigDecimal("-0.3037"), null, null, null, Map.of("size", List.of("large"), "surface", List.of("road")),
                    Channel.WEB, new Contact(name, "Nodes", null, null), null)).reference());
        }
        jdbc(node).sql("update requests.service_request set status = 'rejected', finished_at = now() - interval '500 days' "
                + "where reference = any(?)").param(references.toArray(String[]::new)).update();
        return references;
    }

    private static JdbcClient jdbc(ConfigurableApplicationContext node) {
        return node.getBean(JdbcClient.class);
    }
}

package org.civitas.trust.writes;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.civitas.CivitasTest;
import org.civitas.trust.PersonalData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The trust rows a change adds (data keys, audit entries) go to the database together with the
 * transaction's COMMIT: they commit with it, roll back with it, keep their order, and reads in the same
 * transaction still see them.
 */
@CivitasTest
class TrustWritesTest {

    @Autowired
    TrustWrites writes;

    @Autowired
    PersonalData vault;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    private long queued(String marker) {
        return jdbc.sql("select count(*) from trust.audit_queue where convert_from(entry, 'UTF8') like ?")
                .param("%" + marker + "%").query(Long.class).single();
    }

    private long dataKeys(UUID subject) {
        return jdbc.sql("select count(*) from trust.data_key where subject_id = ?").param(subject).query(Long.class).single();
    }

    @Test
    void rowsAreHeldUntilCommitThenWrittenTogetherInTheirOrder() {
        String marker = "tw-" + UUID.randomUUID();
        UUID subject = transactions.execute(status -> {
            UUID created = vault.newSubject();
            writes.insert("trust.audit_queue", "entry", (Object) ("{\"n\":1,\"m\":\"" + marker + "\"}").getBytes());
            writes.insert("trust.audit_queue", "entry", (Object) ("{\"n\":2,\"m\":\"" + marker + "\"}").getBytes());
            // not yet in the database: even this transaction's own reads (on its connection) do not see them
            assertThat(dataKeys(created)).isZero();
            assertThat(queued(marker)).isZero();
            return created;
        });
        assertThat(dataKeys(subject)).isOne();
        List<String> entries = jdbc.sql("select convert_from(entry, 'UTF8') from trust.audit_queue where convert_from(entry, 'UTF8') like ? order by id")
                .param("%" + marker + "%").query(String.class).list();
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).contains("\"n\":1");
        assertThat(entries.get(1)).contains("\"n\":2");
    }

    @Test
    void aChangeWithMoreRowsThanOneStatementTakesKeepsThemAllInOrder() {
        String marker = "tw-many-" + UUID.randomUUID();
        int rows = 1_201; // three statements of at most 500 rows, sent together
        transactions.executeWithoutResult(status -> {
            for (int n = 0; n < rows; n++) {
                writes.insert("trust.audit_queue", "entry", (Object) ("{\"n\":" + n + ",\"m\":\"" + marker + "\"}").getBytes());
            }
        });
        List<String> entries = jdbc.sql("select convert_from(entry, 'UTF8') from trust.audit_queue where convert_from(entry, 'UTF8') like ? order by id")
                .param("%" + marker + "%").query(String.class).list();
        assertThat(entries).hasSize(rows);
        for (int n = 0; n < rows; n++) {
            assertThat(entries.get(n)).startsWith("{\"n\":" + n + ",");
        }
    }

    @Test
    void aRolledBackChangeLeavesNoTrustRows() {
        String marker = "tw-" + UUID.randomUUID();
        UUID[] subject = new UUID[1];
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            subject[0] = vault.newSubject();
            writes.insert("trust.audit_queue", "entry", (Object) ("{\"m\":\"" + marker + "\"}").getBytes());
            throw new IllegalStateException("the change fails");
        })).hasMessage("the change fails");
        assertThat(dataKeys(subject[0])).isZero();
        assertThat(queued(marker)).isZero();
    }

    @Test
    void outsideATransactionARowIsWrittenAtOnce() {
        String marker = "tw-" + UUID.randomUUID();
        writes.insert("trust.audit_queue", "entry", (Object) ("{\"m\":\"" + marker + "\"}").getBytes());
        assertThat(queued(marker)).isOne();
    }

    @Test
    void aSubjectCreatedAndErasedInOneTransactionStaysErased() {
        UUID subject = transactions.execute(status -> {
            UUID created = vault.newSubject();
            byte[] sealed = vault.seal(created, "test.field", "Erin Early");
            vault.erase(created);
            assertThat(vault.open(created, "test.field", sealed)).isEmpty();
            return created;
        });
        assertThat(dataKeys(subject)).isOne();
        assertThat(vault.readable(subject)).isFalse();
        assertThat(jdbc.sql("select wrapped_key is null and erased_at is not null from trust.data_key where subject_id = ?")
                .param(subject).query(Boolean.class).single()).isTrue();
    }

    @Test
    void anInnerTransactionOfItsOwnCommitsItsRowsAndLeavesTheOuterOnesHeld() {
        String outer = "tw-outer-" + UUID.randomUUID();
        String inner = "tw-inner-" + UUID.randomUUID();
        TransactionTemplate requiresNew = new TransactionTemplate(transactions.getTransactionManager());
        requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        transactions.executeWithoutResult(status -> {
            writes.insert("trust.audit_queue", "entry", (Object) ("{\"m\":\"" + outer + "\"}").getBytes());
            requiresNew.executeWithoutResult(innerStatus ->
                    writes.insert("trust.audit_queue", "entry", (Object) ("{\"m\":\"" + inner + "\"}").getBytes()));
            assertThat(queued(inner)).as("committed by the inner transaction").isOne();
            assertThat(queued(outer)).as("still held by the outer one").isZero();
        });
        assertThat(queued(outer)).isOne();
        assertThat(queued(inner)).isOne();
    }

    @Test
    void theRowsGoWithTheCommitItselfAndSoDoRowsAddedAsItBegins() {
        String marker = "tw-commit-" + UUID.randomUUID();
        String late = "tw-late-" + UUID.randomUUID();
        long[] seenJustBeforeCommit = {-1};
        transactions.executeWithoutResult(status -> {
            writes.insert("trust.audit_queue", "entry", (Object) ("{\"m\":\"" + marker + "\"}").getBytes());
            // registered after the trust rows' own synchronization, so it runs after theirs would have written them
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    seenJustBeforeCommit[0] = queued(marker); // inside the transaction
                    // as an event published by another synchronization would
                    writes.insert("trust.audit_queue", "entry", (Object) ("{\"m\":\"" + late + "\"}").getBytes());
                }
            });
        });
        assertThat(seenJustBeforeCommit[0]).as("not written in a round trip of their own ahead of the commit").isZero();
        assertThat(queued(marker)).isOne();
        assertThat(queued(late)).isOne();
    }

    @Test
    void aHeldRowThatFailsAtTheCommitRollsTheWholeChangeBack() {
        UUID subject = vault.newSubject(); // outside a transaction: its data key is written at once
        byte[] sealed = vault.seal(subject, "test.field", "Kim Kept");
        String marker = "tw-failed-" + UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            // written at once, as the change itself
            jdbc.sql("insert into trust.audit_queue (entry) values (?)").param(("{\"m\":\"" + marker + "\"}").getBytes()).update();
            // held for the commit; the subject has a key already, so the commit's first statement fails
            writes.insert("trust.data_key", "subject_id, wrapped_key, created_at", subject, new byte[] {2}, now);
        })).isInstanceOf(DuplicateKeyException.class);

        assertThat(queued(marker)).as("the change rolled back with its trust row").isZero();
        assertThat(vault.open(subject, "test.field", sealed)).as("the subject's own key untouched").contains("Kim Kept");
        // and the connections went back to the pool usable
        for (int i = 0; i < 25; i++) {
            transactions.executeWithoutResult(status -> assertThat(queued(marker)).isZero());
        }
    }
}

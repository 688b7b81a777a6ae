package org.civitas.trust.vault;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.civitas.platform.CivitasProperties;
import org.civitas.trust.PersonalData;
import org.civitas.trust.SubjectErased;
import org.civitas.trust.writes.TrustWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * The vault behind {@link PersonalData}. At start-up it proves the master key is the one the
 * database was sealed with (a check value in {@code trust.master_key}); with a wrong key Civitas
 * refuses to start and changes nothing.
 */
@Service
class Vault implements PersonalData {

    static final byte[] CHECK_PLAINTEXT = "civitas master key check".getBytes(StandardCharsets.US_ASCII);
    static final byte[] CHECK_AAD = "trust.master_key".getBytes(StandardCharsets.US_ASCII);
    /** AES-256 */
    private static final int DATA_KEY_BYTES = 32;
    static final byte[] LOOKUP_AAD = "trust.lookup_key".getBytes(StandardCharsets.US_ASCII);

    private static final Logger log = LoggerFactory.getLogger(Vault.class);

    private final JdbcClient jdbc;
    private final TrustWrites writes;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final NodeLock nodeLock;
    private final MasterKey master;
    private final SecretKey lookup;
    /** Why the vault refuses: a rotation ran, or runs, while this node had lost its lock; null while its key is current. */
    private volatile String retiredWhileRunning;

    /**
     * The node's lock is taken (by {@link NodeLock}, a constructor argument) before the key is read:
     * no rotation can run from here on, and none is half done in the key files once they are recovered.
     */
    Vault(JdbcClient jdbc, TrustWrites writes, ApplicationEventPublisher events, Clock clock, TransactionTemplate transactions,
          CivitasProperties properties, NodeLock nodeLock, @Value("${civitas.master-key:}") String configuredKey) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.events = events;
        this.clock = clock;
        this.transactions = transactions;
        this.nodeLock = nodeLock;
        MasterKey key;
        if (StringUtils.hasText(configuredKey)) {
            key = MasterKey.fromBase64(configuredKey);
        } else {
            MasterKeyFiles files = new MasterKeyFiles(properties.dataDir());
            try {
                files.recover(this::opensCheckValue);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Could not finish the interrupted master-key rotation in " + files.current().getParent()
                        + ": " + e.getMessage(), e);
            }
            key = MasterKey.fromFile(files.current());
        }
        this.lookup = transactions.execute(status -> {
            verifyOrRecord(key);
            return lookupKeyUnder(key);
        });
        this.master = key;
    }

    private boolean opensCheckValue(MasterKey key) {
        return jdbc.sql("select check_value from trust.master_key where id = 1").query(byte[].class).optional()
                .map(check -> MasterKeyRotation.opens(key, check)).orElse(false);
    }

    /**
     * The node's lock lives on one connection; if that connection is lost (a database restart, a
     * network cut) a rotation could run meanwhile. This checks the lock away from any request. While
     * a rotation holds it, and after one has rotated this node's key away, the vault refuses to seal
     * or open; once the lock is held again and the key still opens the check value (the rotation was
     * refused or failed), it carries on.
     */
    @Scheduled(fixedDelayString = "${civitas.vault.lock-check:PT30S}", initialDelayString = "${civitas.vault.lock-check:PT30S}")
    void checkNodeLock() {
        switch (nodeLock.check()) {
            case HELD, UNREACHABLE -> {
                // nothing learnt: a database that cannot be reached serves nobody meanwhile
            }
            case ROTATION_RUNNING -> retire("a master-key rotation is running");
            case RETAKEN -> {
                if (!opensCheckValue(master)) {
                    retire("the master key was rotated");
                } else if (retiredWhileRunning != null) {
                    log.warn("The master-key rotation that ran while this node had lost its lock changed nothing; the vault carries on");
                    retiredWhileRunning = null;
                }
            }
        }
    }

    private void retire(String why) {
        if (retiredWhileRunning == null) {
            log.error("This node lost its lock on the master key and {} meanwhile: it does not seal or open personal data "
                    + "until the lock is held again with its key still current. After a rotation, restart it with the new master key.", why);
        }
        retiredWhileRunning = why;
    }

    private void refuseWhenRetired() {
        if (retiredWhileRunning != null) {
            throw new IllegalStateException("the master key of this node was rotated away while it ran (" + retiredWhileRunning
                    + "); restart it with the new master key");
        }
    }

    /**
     * The look-up key, unwrapped with the master key. An older database has none stored: its look-up
     * key was derived from this master key, so that one is kept and stored wrapped, and every hash
     * already stored goes on matching, through any later rotation.
     */
    private SecretKey lookupKeyUnder(MasterKey key) {
        byte[] wrapped = jdbc.sql("select lookup_key_wrapped from trust.master_key where id = 1 for update")
                .query(byte[].class).optional().orElse(null);
        if (wrapped == null) {
            SecretKey derived = key.lookupKey();
            jdbc.sql("update trust.master_key set lookup_key_wrapped = ? where id = 1")
                    .param(Aead.seal(key.secret(), derived.getEncoded(), LOOKUP_AAD)).update();
            return derived;
        }
        try {
            return new SecretKeySpec(Aead.open(key.secret(), wrapped, LOOKUP_AAD), "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The look-up key does not open with the master key: the database was altered");
        }
    }

    private void verifyOrRecord(MasterKey key) {
        jdbc.sql("""
                insert into trust.master_key (id, fingerprint, check_value, created_at) values (1, ?, ?, ?)
                on conflict (id) do nothing
                """).params(key.fingerprint(), Aead.seal(key.secret(), CHECK_PLAINTEXT, CHECK_AAD), Timestamp.from(clock.instant()))
                .update();
        record Recorded(String fingerprint, byte[] checkValue) {
        }
        Recorded recorded = jdbc.sql("select fingerprint, check_value from trust.master_key where id = 1").query(Recorded.class).single();
        try {
            Aead.open(key.secret(), recorded.checkValue(), CHECK_AAD);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The master key (fingerprint " + key.fingerprint() + ") is not the one this database's "
                    + "personal data was sealed with (fingerprint " + recorded.fingerprint() + "). Set CIVITAS_MASTER_KEY, or restore "
                    + "CIVITAS_DATA_DIR/keys/master.key, to that key (after vault rotate-master-key: the new key). Nothing was changed.");
        }
    }

    /**
     * Not {@code @Transactional}: it joins the caller's transaction when there is one (the data key
     * then commits with the change) and inserts at once when there is none. No method of the vault is
     * proxied: a proxy's transaction look-up cost every request with contact details more than
     * making the data key did.
     */
    @Override
    public UUID newSubject() {
        refuseWhenRetired();
        byte[] random = Aead.random(DATA_KEY_BYTES + SubjectIds.RANDOM_BYTES);
        UUID subject = SubjectIds.timeOrdered(clock.millis(), random, DATA_KEY_BYTES);
        SecretKey dataKey = new SecretKeySpec(random, 0, DATA_KEY_BYTES, "AES");
        // held with the transaction's audit entries and sent with its COMMIT (TrustWrites)
        writes.insert("trust.data_key", "subject_id, wrapped_key, created_at",
                subject, Aead.seal(master.secret(), dataKey.getEncoded(), bytes(subject)), Timestamp.from(clock.instant()));
        createdInThisTransaction().ifPresent(created -> created.put(subject, dataKey));
        return subject;
    }

    /**
     * The data keys created in the current transaction, so that sealing right after {@link #newSubject}
     * (every request with contact details) does not read back and unwrap the key it has just written.
     * Held only until the transaction ends.
     */
    @SuppressWarnings("unchecked")
    private Optional<Map<UUID, SecretKey>> createdInThisTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return Optional.empty();
        }
        Map<UUID, SecretKey> created = (Map<UUID, SecretKey>) TransactionSynchronizationManager.getResource(this);
        if (created == null) {
            Map<UUID, SecretKey> fresh = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(Vault.this);
                }
            });
            created = fresh;
        }
        return Optional.of(created);
    }

    @Override
    public byte[] seal(UUID subject, String field, String plaintext) {
        byte[] associatedData = fieldBound(subject, field);
        SecretKey dataKey = dataKey(subject).orElseThrow(() -> new IllegalStateException("subject " + subject + " has no data key"));
        return Aead.seal(dataKey, Aead.VERSION_FIELD_BOUND, plaintext.getBytes(StandardCharsets.UTF_8), associatedData);
    }

    @Override
    public Optional<String> open(UUID subject, String field, byte[] sealed) {
        byte[] associatedData = fieldBound(subject, field);
        return dataKey(subject).map(dataKey -> open(dataKey, subject, associatedData, sealed));
    }

    @Override
    public Optional<List<String>> openAll(UUID subject, List<Sealed> sealed) {
        List<byte[]> associatedData = sealed.stream().map(each -> fieldBound(subject, each.field())).toList();
        return dataKey(subject).map(dataKey -> java.util.stream.IntStream.range(0, sealed.size())
                .mapToObj(i -> open(dataKey, subject, associatedData.get(i), sealed.get(i).bytes())).toList());
    }

    /**
     * Opens a value: sealed since issue 12 (version 2), only for the field named; sealed before it
     * (version 1, the subject alone as associated data), for any field of the subject, so that what
     * was stored before goes on opening (decision 0015).
     */
    private static String open(SecretKey dataKey, UUID subject, byte[] fieldBound, byte[] sealed) {
        try {
            byte[] plain = Aead.version(sealed) == Aead.VERSION
                    ? Aead.open(dataKey, Aead.VERSION, sealed, bytes(subject))
                    : Aead.open(dataKey, Aead.VERSION_FIELD_BOUND, sealed, fieldBound);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealed data of subject " + subject + " does not open: tampered or misplaced");
        }
    }

    /** The associated data of a field-bound value: the subject's 16 bytes, then the field's name in UTF-8. */
    static byte[] fieldBound(UUID subject, String field) {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("a sealed value names the field it is stored in");
        }
        byte[] name = field.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(16 + name.length).put(bytes(subject)).put(name).array();
    }

    @Override
    public byte[] lookupKey(String purpose, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(lookup);
            return mac.doFinal((purpose + "\u0000" + value).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void erase(UUID subject) {
        transactions.executeWithoutResult(status -> eraseInTransaction(subject));
    }

    private void eraseInTransaction(UUID subject) {
        if (TransactionSynchronizationManager.hasResource(this)) {
            createdInThisTransaction().ifPresent(created -> created.remove(subject));
        }
        writes.flush();
        int erased = jdbc.sql("update trust.data_key set wrapped_key = null, erased_at = ? where subject_id = ? and erased_at is null")
                .params(Timestamp.from(clock.instant()), subject).update();
        if (erased == 1) {
            events.publishEvent(new SubjectErased(subject));
        }
    }

    @Override
    public boolean readable(UUID subject) {
        return dataKey(subject).isPresent();
    }

    Optional<SecretKey> dataKey(UUID subject) {
        refuseWhenRetired();
        if (TransactionSynchronizationManager.hasResource(this)) {
            SecretKey created = createdInThisTransaction().map(keys -> keys.get(subject)).orElse(null);
            if (created != null) {
                return Optional.of(created);
            }
        }
        writes.flush();
        return jdbc.sql("select wrapped_key from trust.data_key where subject_id = ? and wrapped_key is not null")
                .param(subject).query(byte[].class).optional()
                .map(wrapped -> new SecretKeySpec(unwrap(master, subject, wrapped), "AES"));
    }

    private static byte[] unwrap(MasterKey key, UUID subject, byte[] wrapped) {
        try {
            return Aead.open(key.secret(), wrapped, bytes(subject));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the data key of subject " + subject + " does not open with the master key");
        }
    }

    static byte[] bytes(UUID subject) {
        return ByteBuffer.allocate(16).putLong(subject.getMostSignificantBits()).putLong(subject.getLeastSignificantBits()).array();
    }
}
